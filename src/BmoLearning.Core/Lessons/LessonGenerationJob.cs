using System.Diagnostics;
using BmoLearning.Core.Telemetry;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Lessons;

/// <summary>
/// Background job: retrieves knowledge for a lesson request, generates and validates the lesson, and
/// stores it. Idempotent: a finished request is left alone, and a request is claimed with a lease so
/// that two workers (or a retry after a crash) never generate it twice at the same time.
/// </summary>
public sealed class LessonGenerationJob(
    AppDbContext db,
    IKnowledgeIndex index,
    ILessonGenerator generator,
    IJobQueue jobs,
    IOptions<GenerationOptions> options,
    TimeProvider time,
    Adaptive.ConceptLinker concepts,
    ILogger<LessonGenerationJob> logger,
    Governance.Audit.AuditLog audit,
    Experiments.ExperimentService experiments,
    IOptions<ApprovalOptions> approval)
{
    private readonly GenerationOptions _options = options.Value;

    public async Task RunAsync(Guid lessonRequestId, CancellationToken ct)
    {
        if (!await TryClaimAsync(lessonRequestId, ct))
        {
            logger.LogInformation("Lesson request {RequestId} is finished or claimed elsewhere; nothing to do", lessonRequestId);
            return;
        }

        var request = await db.LessonRequests.SingleAsync(r => r.Id == lessonRequestId, ct);
        try
        {
            var lesson = await LessonLibrary.FindAsync(db, request, time.Now(), ct) ?? await GenerateAsync(request, ct);
            // Issue 14: while the approval policy holds it, a new lesson is a draft and its learner waits for a reviewer.
            var held = lesson.LibraryLessonId is null && approval.Value.Applies(lesson);
            if (held)
            {
                lesson.Status = LessonStatus.Draft;
            }

            db.Lessons.Add(lesson);
            await concepts.EnsureLinkedAsync(lesson, ct);
            request.Status = held ? LessonRequestStatus.AwaitingApproval : LessonRequestStatus.Ready;
            request.LessonId = lesson.Id;
            request.Error = null;
            request.UpdatedAt = time.Now();
            request.CompletedAt = held ? null : request.UpdatedAt;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Lesson request {RequestId} is {Status} as lesson {LessonId}", request.Id, request.Status, lesson.Id);
            if (!held)
            {
                QueueDelivery(lesson.Id);
            }

            await RecordDecisionAsync(lesson);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another worker claimed the request (attempts moved on): its result wins.
            logger.LogWarning("Lesson request {RequestId} was claimed by another worker; discarding this attempt", lessonRequestId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the request back so the next worker need not wait for the lease to expire.
            db.ChangeTracker.Clear();
            await db.LessonRequests.Where(r => r.Id == lessonRequestId && r.Status == LessonRequestStatus.Generating)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, LessonRequestStatus.Queued), CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is NoRelevantKnowledgeException or LessonRejectedException)
        {
            // Retrying cannot help until the knowledge base changes: fail now, with the reason.
            request = await ForgetAttemptAsync(lessonRequestId);
            await FailAsync(request, ex.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            request = await ForgetAttemptAsync(lessonRequestId);
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            if (request.Attempts >= _options.MaxAttempts)
            {
                await FailAsync(request, $"Generation failed after {request.Attempts} attempts. Last error: {reason}", ct);
                return;
            }

            var delay = RetryDelay(request.Attempts);
            logger.LogWarning(ex, "Lesson request {RequestId} attempt {Attempt} failed; retrying in {Delay}", request.Id, request.Attempts, delay);
            request.Status = LessonRequestStatus.Queued;
            request.Error = $"Attempt {request.Attempts} failed ({reason}); retrying in {delay.TotalSeconds:0} s.";
            request.UpdatedAt = time.Now();
            await db.SaveChangesAsync(CancellationToken.None);
            jobs.ScheduleLessonGeneration(request.Id, delay);
        }
    }

    /// <summary>
    /// The lesson is stored and its request ready: a failed audit write must not send it back to the queue (and
    /// generate it twice), so it is logged as an error for operators instead.
    /// </summary>
    private Task RecordDecisionAsync(Lesson lesson) =>
        audit.AppendAfterActAsync("system", Governance.Audit.AuditActions.LessonGenerated, "lesson", lesson.Id.ToString(),
            Governance.Audit.AuditActions.LessonDecision(lesson));

    private async Task<Lesson> GenerateAsync(LessonRequest request, CancellationToken ct)
    {
        var learnerName = await db.Learners.Where(l => l.Id == request.LearnerId).Select(l => l.Name).SingleAsync(ct);
        IReadOnlyList<RetrievedChunk> retrieved;
        var retrievalStarted = Stopwatch.GetTimestamp();
        using (var span = BmoTelemetry.Start("lesson.retrieve"))
        {
            retrieved = await index.SearchAsync(new RetrievalQuery(request.Topic, _options.RetrievalK), ct);
            span?.SetTag("bmo.retrieval.k", _options.RetrievalK);
            span?.SetTag("bmo.retrieval.results", retrieved.Count);
        }

        BmoTelemetry.RetrievalDuration.Record(Stopwatch.GetElapsedTime(retrievalStarted).TotalSeconds);
        var relevant = retrieved.Where(c => c.Similarity >= _options.MinRelevance).ToList();
        if (relevant.Count == 0)
        {
            var best = retrieved.Count == 0 ? 0 : retrieved.Max(c => c.Similarity);
            throw new NoRelevantKnowledgeException(
                $"Nothing in the knowledge base is relevant enough to teach '{request.Topic}' "
                + $"(best match {best:0.00}, threshold {_options.MinRelevance:0.00}). Add documents on this topic or choose another.");
        }

        var profile = await LearnerProfiles.ForAsync(db, request.LearnerId, ct);
        var context = new LessonGenerationContext(request.Topic, request.Difficulty, learnerName, relevant) { Learner = profile };
        var generationStarted = Stopwatch.GetTimestamp();
        var draft = await generator.GenerateAsync(context, ct);
        // Issue 15: the lesson_length factor (an experiment's variant or the shipped default) shapes what is stored.
        var length = await experiments.DecideAsync(request.LearnerId, Experiments.ExperimentFactors.LessonLength, time.Now(), ct);
        draft = Experiments.LessonLength.Apply(draft, length.Value);
        var generatorName = draft.GeneratorName ?? generator.Name;
        RecordGeneration(generatorName, draft.FallbackReason, Stopwatch.GetElapsedTime(generationStarted));
        var errors = LessonValidator.Validate(draft, relevant.Select(c => c.ChunkId).ToList());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The {generatorName} generator produced an invalid lesson: {string.Join("; ", errors)}");
        }

        var byId = relevant.ToDictionary(c => c.ChunkId);
        return new Lesson
        {
            LearningPathId = request.LearningPathId,
            LearnerId = request.LearnerId,
            Topic = request.Topic,
            Difficulty = request.Difficulty,
            Content = draft.Disclaimer is null ? draft.Content : $"{draft.Content.TrimEnd()}\n\n{draft.Disclaimer}",
            KeyPoints = draft.KeyPoints.ToList(),
            Scenario = draft.Scenario,
            QuizQuestion = draft.QuizQuestion,
            QuizOptions = draft.QuizOptions.ToList(),
            CorrectAnswer = draft.CorrectAnswer,
            Explanation = draft.Explanation,
            Sources = draft.SourceChunkIds.Select(id => byId[id])
                .Select(c => new LessonSource(c.ChunkId, c.DocumentId, c.DocumentTitle, c.Section, c.PageStart, c.PageEnd))
                .ToList(),
            GeneratorName = generatorName,
            GeneratorVersion = draft.GeneratorVersion ?? generator.Version,
            FallbackReason = draft.FallbackReason is { Length: > 1000 } reason ? reason[..1000] : draft.FallbackReason,
            Model = draft.Usage?.Model,
            InputTokens = draft.Usage?.InputTokens ?? 0,
            OutputTokens = draft.Usage?.OutputTokens ?? 0,
            EstimatedCostUsd = draft.Usage?.EstimatedCostUsd,
            SafetyIssues = draft.SafetyIssues.ToList(),
            CreatedAt = time.Now(),
        };
    }

    /// <summary>Generation metrics, counted once per lesson the worker stores (the AI role's own pipeline only adds spans).</summary>
    private void RecordGeneration(string generatorName, string? fallbackReason, TimeSpan elapsed)
    {
        var generatorTag = new KeyValuePair<string, object?>("generator", generatorName);
        BmoTelemetry.GenerationDuration.Record(elapsed.TotalSeconds, generatorTag);
        BmoTelemetry.Generations.Add(1, generatorTag);
        if (fallbackReason is not null)
        {
            var reasonClass = BmoTelemetry.ReasonClass(fallbackReason);
            BmoTelemetry.Fallbacks.Add(1, generatorTag, new KeyValuePair<string, object?>("reason", reasonClass));
            Activity.Current?.AddEvent(new ActivityEvent("lesson.fallback", tags: new ActivityTagsCollection { ["reason"] = reasonClass }));
        }
    }

    /// <summary>
    /// Stored first, queued second: the lesson is safe even if queueing fails, and the delivery scheduler
    /// finds an undelivered lesson at the learner's next window. Never a reason to generate again.
    /// </summary>
    private void QueueDelivery(Guid lessonId)
    {
        try
        {
            jobs.EnqueueDelivery(lessonId, sequence: 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not queue delivery of lesson {LessonId}; the scheduler will pick it up", lessonId);
        }
    }

    /// <summary>
    /// Drops the failed attempt's unsaved work (a lesson, its links) and reloads the request: left tracked, a
    /// change that failed to save would fail the retry bookkeeping too, and the request would stay generating
    /// until its lease ran out.
    /// </summary>
    private async Task<LessonRequest> ForgetAttemptAsync(Guid lessonRequestId)
    {
        db.ChangeTracker.Clear();
        return await db.LessonRequests.SingleAsync(r => r.Id == lessonRequestId, CancellationToken.None);
    }

    private TimeSpan RetryDelay(int attempt) => RetryBackoff.Delay(_options.RetryDelays, attempt);

    /// <summary>Moves the request to generating unless it is finished or another worker's lease is live.</summary>
    private async Task<bool> TryClaimAsync(Guid requestId, CancellationToken ct)
    {
        var now = time.Now();
        var leaseExpired = now - _options.ClaimLease;
        return await db.LessonRequests
            .Where(r => r.Id == requestId
                && (r.Status == LessonRequestStatus.Queued
                    || (r.Status == LessonRequestStatus.Generating && r.UpdatedAt < leaseExpired)))
            .TryClaimAsync(
                s => s.SetProperty(r => r.Status, LessonRequestStatus.Generating)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                    .SetProperty(r => r.UpdatedAt, now),
                ct);
    }

    private async Task FailAsync(LessonRequest request, string reason, CancellationToken ct)
    {
        logger.LogWarning("Lesson request {RequestId} failed: {Reason}", request.Id, reason);
        request.Status = LessonRequestStatus.Failed;
        request.Error = reason.Length > 2000 ? reason[..2000] : reason;
        request.CompletedAt = request.UpdatedAt = time.Now();
        await db.SaveChangesAsync(ct);
    }
}
