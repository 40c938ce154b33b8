using System.Text.Json.Serialization;

namespace BmoLearning.Core.Analytics;

/// <summary>The window (UTC days, both inclusive) and filters of a dashboard or topics query.</summary>
/// <param name="Course">A learning-path topic (compared as its key: case and spacing ignored); null for every course.</param>
/// <param name="Teams">Only the learners of these teams (a manager's scope, or a team filter); null for every learner.</param>
public sealed record AnalyticsQuery(DateOnly From, DateOnly To, string? Course = null, IReadOnlyList<string>? Teams = null);

public sealed record ActivityCounts(int LessonsDelivered, int LessonsAnswered);

/// <summary>Learning paths completed out of those started by the end of the window; rate is null with no path.</summary>
public sealed record Completion(int Completed, int Total, double? Rate);

public sealed record TopicAccuracy(string Topic, int Answers, int Correct, double? Accuracy);

/// <summary>Lessons whose first delivery was attempted in the window, how many of them arrived and how many were answered.</summary>
public sealed record ChannelFunnel(string Channel, int Sent, int Delivered, int Answered);

public sealed record AiSpendDay(string Date, int Lessons, long InputTokens, long OutputTokens, decimal EstimatedCostUsd);

/// <summary>The overview's numbers: the console renders exactly these, and GET /api/v1/analytics/dashboard returns them.</summary>
/// <param name="ActiveLearners">Learners who answered at least one question in the window.</param>
/// <param name="Window">Lessons delivered and answered in the whole window.</param>
/// <param name="Last7Days">The 7 days ending with `to`.</param>
/// <param name="Last30Days">The 30 days ending with `to`.</param>
public sealed record DashboardReport(
    string From,
    string To,
    string? Course,
    int ActiveLearners,
    ActivityCounts Window,
    [property: JsonPropertyName("last_7_days")] ActivityCounts Last7Days,
    [property: JsonPropertyName("last_30_days")] ActivityCounts Last30Days,
    Completion Completion,
    IReadOnlyList<TopicAccuracy> AccuracyByTopic,
    IReadOnlyList<ChannelFunnel> Funnel,
    IReadOnlyList<AiSpendDay> AiSpendByDay,
    IReadOnlyList<TopicMasteryRow> MasteryByTopic,
    KnowledgeGaps KnowledgeGaps,
    IReadOnlyList<string>? Teams = null);

/// <summary>A question learners got wrong, with how often.</summary>
public sealed record MissedQuestion(Guid LessonId, string Topic, string Question, int Answers, int Wrong);

/// <summary>
/// Mastery of a topic now: the learners' predicted recall of the topic's concepts they were taught, averaged over
/// (learner, concept) pairs; a concept taught but never answered counts 0, as on a learner's own page.
/// </summary>
public sealed record TopicMasteryRow(string Topic, int Learners, int Concepts, double Mastery);

/// <summary>A concept (a cited passage, named by its heading path) that learners answered wrongly, with how often, in one topic.</summary>
public sealed record MissedConcept(Guid ConceptId, string Concept, string Topic, int Answers, int Wrong);

/// <summary>Where learners are weakest: the lowest-mastery topics and the concepts most often missed in the period.</summary>
public sealed record KnowledgeGaps(IReadOnlyList<TopicMasteryRow> LowestMastery, IReadOnlyList<MissedConcept> MostMissedConcepts);

public sealed record TopicsReport(
    string From,
    string To,
    string? Course,
    IReadOnlyList<TopicAccuracy> Topics,
    IReadOnlyList<MissedQuestion> MostMissed,
    IReadOnlyList<TopicMasteryRow> Mastery,
    IReadOnlyList<MissedConcept> MostMissedConcepts,
    IReadOnlyList<string>? Teams = null);

/// <summary>AI usage by day and model (null for lessons no model wrote: offline, fallback or cached).</summary>
public sealed record AiUsageRow(string Date, string? Model, int Lessons, long InputTokens, long OutputTokens, decimal EstimatedCostUsd);

public sealed record AiUsageTotals(int Lessons, long InputTokens, long OutputTokens, decimal EstimatedCostUsd);

public sealed record AiUsageReport(string From, string To, IReadOnlyList<AiUsageRow> Days, AiUsageTotals Totals);
