using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Ai;
using BmoLearning.Ai.Generation;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Knowledge;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using BmoLearning.Host.Lessons;
using BmoLearning.Safety;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.AiService;

public sealed record KnowledgeStatus(int Documents, int Chunks, int FlaggedChunks);

public sealed record AiStatusResponse(
    string Status,
    string Service,
    string Generator,
    string? Model,
    bool RagEnabled,
    string Circuit,
    string Cache,
    bool Moderation,
    bool Judge,
    KnowledgeStatus Knowledge);

/// <summary>
/// The AI role (`bmo serve --role ai`): the reference system's ai-service routes. Every route but /health needs X-API-Key
/// holding AiService:ApiKey (AI_SERVICE_API_KEY) or the admin key. Generation here is always in-process, so an
/// AI role never calls another one.
/// </summary>
public static class AiServiceEndpoints
{
    public const int MaxContextChunks = 20;
    public const int MaxContentLength = 50_000;
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAiService(this IEndpointRouteBuilder app)
    {
        // Generation may carry its context (20 chunks of up to 20,000 characters): more than the JSON default.
        var ai = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.AiServicePolicy).WithTags("AI service")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).RequireRateLimiting(RateLimiting.RateLimitSetup.ApiPolicy);
        ai.MapGet("/status", StatusAsync).WithName("AiStatus");
        ai.MapPost("/generate-lesson", GenerateLessonAsync).WithName("GenerateLesson");
        ai.MapPost("/validate-safety", ValidateSafetyAsync).WithName("ValidateSafety");
        ai.MapProcessDocument();
        return app;
    }

    public static async Task<Results<Ok<AiStatusResponse>, ProblemHttpResult>> StatusAsync(
        LlmChat chat, CircuitMonitor circuits, IOptions<LlmOptions> options, IDistributedCache cache, SafetyPipeline safety, AppDbContext db, CancellationToken ct)
    {
        var documents = await db.KnowledgeDocuments.CountAsync(d => d.Status == DocumentStatus.Processed, ct);
        var chunks = await db.KnowledgeChunks.CountAsync(ct);
        var flagged = await db.KnowledgeChunks.CountAsync(c => c.SafetyFlag != null, ct);
        var settings = options.Value;
        return TypedResults.Ok(new AiStatusResponse(
            "operational",
            "ai-service",
            chat.Describe(),
            chat.Model,
            RagEnabled: true,
            chat.IsConfigured ? circuits.StateOf(LlmChatFactory.HttpClientName) : "not_configured",
            cache is MemoryDistributedCache ? "memory" : "distributed",
            Moderation: settings.Safety.Moderation && !string.IsNullOrWhiteSpace(settings.OpenAI.ApiKey),
            Judge: settings.Safety.Judge && chat.IsConfigured,
            new KnowledgeStatus(documents, chunks, flagged)));
    }

    public static async Task<Results<Ok<GenerateLessonResponse>, ProblemHttpResult>> GenerateLessonAsync(
        GenerateLessonRequest request,
        [FromKeyedServices(AiServiceCollectionExtensions.LocalPipeline)] LessonPipeline pipeline,
        SafetyPipeline safety,
        IKnowledgeIndex index,
        AppDbContext db,
        IOptions<GenerationOptions> generation,
        TimeProvider time,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var topic = TopicSafety.Validate(safety, request.Topic, errors);
        var difficulty = Difficulty.Beginner;
        if (request.Difficulty is not null && !DifficultyNames.TryParse(request.Difficulty, out difficulty))
        {
            errors.Add("difficulty", $"must be one of {DifficultyNames.Allowed}.");
        }

        ValidateContext(request.Context, errors);
        ValidateProfile(request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var learner = request.LearnerProfile is { } profile ? new LearnerProfile(profile.QuestionsAnswered, profile.QuizAccuracy) : null;
        if (request.LearnerId is { } learnerId)
        {
            if (!await db.Learners.AnyAsync(l => l.Id == learnerId, ct))
            {
                return ApiProblems.NotFound($"Learner {learnerId} does not exist.");
            }

            learner = await LearnerProfiles.ForAsync(db, learnerId, ct);
        }

        var chunks = request.Context is { Count: > 0 } context
            ? context.Select(c => new RetrievedChunk(c.ChunkId, c.DocumentId, c.DocumentTitle ?? string.Empty, c.HeadingPath ?? string.Empty, c.Text!,
                0, c.PageStart, c.PageEnd, c.Similarity, c.Similarity, KeywordMatch: false, Embedding: [])).ToList()
            : (await index.SearchAsync(new RetrievalQuery(topic!, generation.Value.RetrievalK), ct)).Where(c => c.Similarity >= generation.Value.MinRelevance).ToList();
        if (chunks.Count == 0)
        {
            return new FieldErrors().Add("topic", "nothing in the knowledge base is relevant enough to teach it.").ToProblem();
        }

        LessonDraft draft;
        try
        {
            draft = await pipeline.GenerateAsync(new LessonGenerationContext(topic!, difficulty, null, chunks) { Learner = learner }, ct);
        }
        catch (Exception ex) when (ex is NoRelevantKnowledgeException or LessonRejectedException)
        {
            return new FieldErrors().Add("topic", ex.Message).ToProblem();
        }

        return TypedResults.Ok(ToResponse(draft, topic!, pipeline, chunks.ToDictionary(c => c.ChunkId), time));
    }

    public static async Task<Results<Ok<ValidateSafetyResponse>, ProblemHttpResult>> ValidateSafetyAsync(ValidateSafetyRequest request, SafetyPipeline safety, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Content))
        {
            errors.Add("content", "is required.");
        }
        else if (request.Content.Length > MaxContentLength)
        {
            errors.Add("content", $"must be at most {MaxContentLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var report = await safety.EvaluateAsync(request.Content!, SafetyPurpose.GeneratedLesson, ct);
        return TypedResults.Ok(new ValidateSafetyResponse(
            report.Passed,
            report.PiiDetected,
            report.Issues.Any(i => i.Code == SafetyIssueCodes.ModerationFlagged),
            !report.Issues.Any(i => i.Severity == SafetySeverity.Error && IsPrinciple(i.Code)),
            report.Issues.Select(i => $"{i.Code}: {i.Message}").ToList(),
            report.Issues.Select(i => new SafetyFinding(i.Code, i.Message, i.Severity.ToString().ToLowerInvariant())).ToList(),
            report.RedactedText));
    }

    /// <summary>The reference system's "constitutional" principles: accuracy, advice, disclaimers, discrimination, tone.</summary>
    private static bool IsPrinciple(string code) =>
        code.StartsWith("advice.", StringComparison.Ordinal) || code.StartsWith("disclaimer.", StringComparison.Ordinal)
        || code is SafetyIssueCodes.Discrimination or SafetyIssueCodes.Tone || code.StartsWith(SafetyIssueCodes.JudgePrefix, StringComparison.Ordinal);

    private static void ValidateProfile(GenerateLessonRequest request, FieldErrors errors)
    {
        if (request.LearnerProfile is not { } profile)
        {
            return;
        }

        if (request.LearnerId is not null)
        {
            errors.Add("learner_profile", "give either learner_id or learner_profile, not both.");
        }

        if (profile.QuestionsAnswered < 0)
        {
            errors.Add("learner_profile.questions_answered", "must be zero or more.");
        }

        if (profile.QuizAccuracy is { } accuracy && (double.IsNaN(accuracy) || accuracy is < 0 or > 1))
        {
            errors.Add("learner_profile.quiz_accuracy", "must be between 0 and 1.");
        }
    }

    private static void ValidateContext(IReadOnlyList<ContextChunk>? context, FieldErrors errors)
    {
        if (context is null)
        {
            return;
        }

        if (context.Count > MaxContextChunks)
        {
            errors.Add("context", $"must have at most {MaxContextChunks} chunks.");
        }

        // JSON allows [null]: a chunk that is not an object is refused here rather than dereferenced below.
        if (context.Any(c => c is null))
        {
            errors.Add("context", "every chunk must be an object with chunk_id and text, not null.");
            return;
        }

        if (context.Any(c => string.IsNullOrWhiteSpace(c.Text) || c.Text.Length > 20_000))
        {
            errors.Add("context", "every chunk needs a text of at most 20000 characters.");
        }

        if (context.Select(c => c.ChunkId).Distinct().Count() != context.Count)
        {
            errors.Add("context", "chunk ids must be unique.");
        }
    }

    private static GenerateLessonResponse ToResponse(
        LessonDraft draft, string topic, LessonPipeline pipeline, Dictionary<long, RetrievedChunk> chunks, TimeProvider time)
    {
        var content = draft.Disclaimer is null ? draft.Content : $"{draft.Content.TrimEnd()}\n\n{draft.Disclaimer}";
        var generator = draft.GeneratorName ?? pipeline.Name;
        var usage = draft.Usage;
        return new GenerateLessonResponse(
            new GeneratedLesson(topic, content, draft.KeyPoints, draft.Scenario, draft.QuizQuestion, draft.QuizOptions, draft.CorrectAnswer, draft.Explanation, draft.Disclaimer),
            new GenerationMetadata(time.Now(), usage?.Model ?? generator, RagEnabled: true, generator, draft.GeneratorVersion ?? pipeline.Version, draft.FallbackReason, usage?.Cached ?? false),
            new SafetyCheckResponse(
                Passed: true,
                PiiDetected: draft.SafetyIssues.Any(c => c.StartsWith("pii.", StringComparison.Ordinal)),
                ModerationFlagged: false,
                ConstitutionalAiPassed: true,
                draft.SafetyIssues),
            draft.SourceChunkIds.Where(chunks.ContainsKey).Select(id => chunks[id])
                .Select(c => new SourceReference(c.ChunkId, c.DocumentId, c.DocumentTitle, c.Section, c.PageStart, c.PageEnd)).ToList(),
            new UsageResponse(usage?.Model, usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, (usage?.InputTokens ?? 0) + (usage?.OutputTokens ?? 0),
                usage?.EstimatedCostUsd, usage?.Cached ?? false));
    }
}
