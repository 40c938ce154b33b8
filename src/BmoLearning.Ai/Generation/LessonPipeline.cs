using BmoLearning.Core.Telemetry;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Lessons;
using BmoLearning.Safety;
using BmoLearning.Safety.Rules;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Ai.Generation;

/// <summary>
/// What every lesson goes through, whoever writes it: retrieved chunks are screened (an injected chunk never
/// reaches a prompt; personal data in one is redacted), identical requests are served from the cache, the preferred
/// generator (a model, or the AI service) is tried and the offline generator takes over when it fails, and the
/// result passes the safety pipeline (personal data redacted, disclaimer added where rates, fees or credit
/// decisions come up) before anyone stores it. A lesson that fails safety is never returned.
/// </summary>
public sealed class LessonPipeline(
    ILessonGenerator? preferred,
    string preferredIdentity,
    OfflineLessonGenerator offline,
    SafetyPipeline safety,
    IDistributedCache cache,
    TimeSpan cacheDuration,
    ILogger<LessonPipeline> logger) : ILessonGenerator
{
    public const string FallbackGeneratorName = "offline-fallback";

    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web);

    public string Name => preferred?.Name ?? offline.Name;

    public string Version => preferred?.Version ?? offline.Version;

    /// <summary>"openai:gpt-4o-mini", "ai-service" or "offline": what writes lessons when nothing fails.</summary>
    public string PreferredIdentity => preferred is null ? "offline" : preferredIdentity;

    public async Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        using var span = BmoTelemetry.Start("lesson.generate");
        span?.SetTag("bmo.generator.preferred", PreferredIdentity);
        span?.SetTag("bmo.lesson.difficulty", context.Difficulty.ToString().ToLowerInvariant());
        try
        {
            var draft = await GenerateWithinAsync(context, ct);
            span?.SetTag("bmo.generator", draft.GeneratorName ?? Name);
            if (draft.FallbackReason is { } reason)
            {
                span?.SetTag("bmo.fallback.reason", BmoTelemetry.ReasonClass(reason));
            }

            return draft;
        }
        catch (Exception ex)
        {
            span.RecordFailure(ex);
            throw;
        }
    }

    private async Task<LessonDraft> GenerateWithinAsync(LessonGenerationContext context, CancellationToken ct)
    {
        if (preferred is null)
        {
            return await ReviewOrRejectAsync(await offline.GenerateAsync(Screen(context), ct), ct);
        }

        // The AI role runs this same pipeline on its side: screening and reviewing its draft again here would
        // check every lesson twice. Only a fallback written here is screened and reviewed here.
        var checkedElsewhere = preferred is IPipelineBackedGenerator;
        var given = checkedElsewhere ? context : Screen(context);
        var key = CacheKey(given);
        if (await ReadCacheAsync(key, ct) is { } hit)
        {
            return hit;
        }

        LessonDraft draft;
        try
        {
            draft = await preferred.GenerateAsync(given, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = ex is LlmGenerationException or NoRelevantKnowledgeException ? ex.Message : HttpResilience.Reason(ex);
            return await FallbackAsync(checkedElsewhere ? Screen(context) : given, $"{preferredIdentity}: {reason}", ct);
        }

        var (reviewed, problem) = checkedElsewhere ? (draft, null) : await ReviewAsync(draft, ct);
        if (reviewed is null)
        {
            return await FallbackAsync(given, $"{preferredIdentity}: the lesson failed the safety review ({problem})", ct);
        }

        if (reviewed.FallbackReason is null)
        {
            await WriteCacheAsync(key, reviewed, ct);
        }

        return reviewed;
    }

    /// <summary>Drops chunks the safety pipeline flags (prompt injection) and redacts personal data in the rest.</summary>
    public LessonGenerationContext Screen(LessonGenerationContext context)
    {
        var kept = new List<Core.Knowledge.RetrievedChunk>(context.Chunks.Count);
        foreach (var chunk in context.Chunks)
        {
            var report = safety.Evaluate(chunk.Text, SafetyPurpose.DocumentText);
            if (!report.Passed)
            {
                logger.LogWarning("Chunk {ChunkId} of document {DocumentId} is excluded from the prompt: {Codes}",
                    chunk.ChunkId, chunk.DocumentId, string.Join(", ", report.Issues.Select(i => i.Code).Distinct()));
                continue;
            }

            kept.Add(report.PiiDetected ? chunk with { Text = report.RedactedText } : chunk);
        }

        if (kept.Count == 0)
        {
            throw new NoRelevantKnowledgeException($"Every passage retrieved for '{context.Topic}' was excluded by the safety checks.");
        }

        return context with { Chunks = kept };
    }

    /// <summary>The draft redacted and with its disclaimer, or the reason it cannot be used.</summary>
    public async Task<(LessonDraft? Draft, string? Problem)> ReviewAsync(LessonDraft draft, CancellationToken ct)
    {
        var text = LessonText.Join(draft);
        var report = await safety.EvaluateAsync(text, SafetyPurpose.GeneratedLesson, ct);
        if (!report.Passed)
        {
            return (null, string.Join(", ", report.Issues.Where(i => i.Severity == SafetySeverity.Error).Select(i => i.Code).Distinct()));
        }

        if (LessonText.Split(draft, report.RedactedText) is not { } redacted)
        {
            return (null, "the redacted lesson could not be reassembled");
        }

        var disclaimer = draft.Disclaimer
            ?? (FinancialContentRules.NeedsDisclaimer(text) && !FinancialContentRules.HasDisclaimer(text) ? FinancialContentRules.StandardDisclaimer : null);
        var issues = draft.SafetyIssues
            .Concat(report.Issues.Select(i => i.Code).Where(c => c != SafetyIssueCodes.DisclaimerMissing))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (redacted with { Disclaimer = disclaimer, SafetyIssues = issues }, null);
    }

    private async Task<LessonDraft> ReviewOrRejectAsync(LessonDraft draft, CancellationToken ct)
    {
        var (reviewed, problem) = await ReviewAsync(draft, ct);
        return reviewed ?? throw new LessonRejectedException($"The {draft.GeneratorName ?? offline.Name} lesson failed the safety review ({problem}); it was not stored.");
    }

    private async Task<LessonDraft> FallbackAsync(LessonGenerationContext context, string reason, CancellationToken ct)
    {
        logger.LogWarning(LogEvents.LessonFallback, "Lesson from {Generator} falls back to the offline generator ({Reason}): {Detail}",
            PreferredIdentity, BmoTelemetry.ReasonClass(reason), reason);
        var draft = await offline.GenerateAsync(context, ct) with
        {
            GeneratorName = FallbackGeneratorName,
            GeneratorVersion = offline.Version,
            FallbackReason = reason,
        };
        return await ReviewOrRejectAsync(draft, ct);
    }

    /// <summary>Topic, difficulty, learner stage, the exact knowledge given (ids and text) and the model: identical requests, identical lessons.</summary>
    private string CacheKey(LessonGenerationContext context)
    {
        var sb = new StringBuilder("lesson:v1|").Append(preferredIdentity).Append('|')
            .Append(context.Topic.Trim().ToLowerInvariant()).Append('|')
            .Append(context.Difficulty).Append('|')
            .Append(LessonPrompt.Stage(context.Learner));
        foreach (var chunk in context.Chunks)
        {
            sb.Append('|').Append(chunk.ChunkId).Append(':').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(chunk.Text)))[..16]);
        }

        return "bmo:lesson:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private async Task<LessonDraft?> ReadCacheAsync(string key, CancellationToken ct)
    {
        if (cacheDuration <= TimeSpan.Zero)
        {
            return null;
        }

        try
        {
            var bytes = await cache.GetAsync(key, ct);
            if (bytes is null)
            {
                return null;
            }

            var draft = JsonSerializer.Deserialize<LessonDraft>(bytes, CacheJson);
            return draft is null ? null : draft with { Usage = draft.Usage is { } usage ? usage with { InputTokens = 0, OutputTokens = 0, EstimatedCostUsd = 0, Cached = true } : null };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A cache outage costs money, not lessons.
            logger.LogWarning("Lesson cache read failed ({Error}); generating instead", ex.GetType().Name);
            return null;
        }
    }

    private async Task WriteCacheAsync(string key, LessonDraft draft, CancellationToken ct)
    {
        if (cacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(draft, CacheJson),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = cacheDuration }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Lesson cache write failed ({Error})", ex.GetType().Name);
        }
    }
}
