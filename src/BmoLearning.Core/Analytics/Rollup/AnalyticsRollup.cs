using BmoLearning.Core.Learners;

namespace BmoLearning.Core.Analytics.Rollup;

/// <summary>Which of the overview's families a rollup row counts.</summary>
public enum RollupKind
{
    /// <summary>Lessons delivered (by delivery day) and answers (by answer day), per lesson topic.</summary>
    Activity,

    /// <summary>First-attempt deliveries (by day tried) per channel: sent, arrived, arrived and answered.</summary>
    Funnel,

    /// <summary>Lessons written (by creation day) per model: count, tokens, estimated cost.</summary>
    AiUsage,
}

/// <summary>
/// One day's counts of the analytics overview for one team (the learner's current team, "" for none) and one course
/// (the learning path's topic key, "" for none), so a period reads a few hundred rows instead of a million raw ones.
/// Rows belong to one build of their day (<see cref="BuildId"/>); only the build its <see cref="AnalyticsRollupDay"/>
/// names is read.
/// </summary>
public sealed class AnalyticsRollup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BuildId { get; set; }
    public DateOnly Day { get; set; }
    public RollupKind Kind { get; set; }
    public string Team { get; set; } = "";
    public string TopicKey { get; set; } = "";

    /// <summary>The lesson topic (Activity rows; "" otherwise).</summary>
    public string Topic { get; set; } = "";

    /// <summary>The delivery channel (Funnel rows).</summary>
    public DeliveryChannel? Channel { get; set; }

    /// <summary>The model that wrote the lessons (AiUsage rows; null for lessons no model wrote).</summary>
    public string? Model { get; set; }

    public int Delivered { get; set; }
    public int Answered { get; set; }
    public int Correct { get; set; }
    public int Sent { get; set; }
    public int Arrived { get; set; }
    public int ArrivedAnswered { get; set; }
    public int Lessons { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }

    /// <summary>The decimal scale of <see cref="CostUsd"/> as summed: SQLite stores decimals as text without trailing zeros.</summary>
    public int CostScale { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>
/// A built day: which build's rows are current, and how many invalidations of the day (and of all days) it had seen
/// when its raw rows were read. A day whose invalidation count has grown since is rebuilt before it is read.
/// </summary>
public sealed class AnalyticsRollupDay
{
    public DateOnly Day { get; set; }
    public Guid BuildId { get; set; }
    public int Invalidations { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
}

/// <summary>
/// Appended in the same transaction as a write that changes a closed day's numbers (a late answer, a delivery's
/// outcome, a learner's team): the day (null for every day) must be rebuilt. Append-only, so counting is race-free.
/// </summary>
public sealed class AnalyticsInvalidation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateOnly? Day { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
