using BmoLearning.Core.Learners;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.LearningPaths;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Core.Lessons;

/// <summary>Creates learning paths and lesson requests and queues their generation.</summary>
public sealed class LessonRequestService(AppDbContext db, IJobQueue jobs, TimeProvider time, ILogger<LessonRequestService> logger)
{
    public async Task<ServiceResult<LessonRequest>> RequestLessonAsync(Guid learnerId, string topic, Difficulty difficulty, CancellationToken ct)
    {
        if (!await db.Learners.NotErased().AnyAsync(l => l.Id == learnerId, ct))
        {
            return ServiceResult<LessonRequest>.NotFound($"Learner {learnerId} does not exist.");
        }

        var path = await FindOrCreatePathAsync(learnerId, topic, totalLessons: null, ct);
        if (path.Status == PathStatus.Paused)
        {
            return ServiceResult<LessonRequest>.Conflict($"The learning path for '{path.Topic}' is paused; resume it before requesting lessons.");
        }

        return ServiceResult<LessonRequest>.Ok(await QueueAsync(path, topic.Trim(), difficulty, ct));
    }

    public async Task<ServiceResult<(LearningPath Path, LessonRequest FirstLesson)>> CreatePathAsync(
        Guid learnerId, string topic, int? totalLessons, CancellationToken ct)
    {
        if (!await db.Learners.NotErased().AnyAsync(l => l.Id == learnerId, ct))
        {
            return ServiceResult<(LearningPath, LessonRequest)>.NotFound($"Learner {learnerId} does not exist.");
        }

        var key = LearningPath.KeyFor(topic);
        if (await db.LearningPaths.AnyAsync(p => p.LearnerId == learnerId && p.TopicKey == key, ct))
        {
            return ServiceResult<(LearningPath, LessonRequest)>.Conflict($"Learner {learnerId} already has a learning path for '{topic.Trim()}'.");
        }

        var path = await FindOrCreatePathAsync(learnerId, topic, totalLessons, ct);
        var request = await QueueAsync(path, path.Topic, Difficulty.Beginner, ct);
        return ServiceResult<(LearningPath, LessonRequest)>.Ok((path, request));
    }

    private async Task<LearningPath> FindOrCreatePathAsync(Guid learnerId, string topic, int? totalLessons, CancellationToken ct)
    {
        var key = LearningPath.KeyFor(topic);
        var existing = await db.LearningPaths.SingleOrDefaultAsync(p => p.LearnerId == learnerId && p.TopicKey == key, ct);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.Now();
        var path = new LearningPath
        {
            LearnerId = learnerId,
            Topic = topic.Trim(),
            TopicKey = key,
            TotalLessons = totalLessons ?? LearningPath.DefaultTotalLessons,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LearningPaths.Add(path);
        try
        {
            await db.SaveChangesAsync(ct);
            return path;
        }
        catch (DbUpdateException)
        {
            // Two requests raced to create the same path: use the one that won.
            db.Entry(path).State = EntityState.Detached;
            return await db.LearningPaths.SingleAsync(p => p.LearnerId == learnerId && p.TopicKey == key, ct);
        }
    }

    /// <summary>Stores the request before queueing, so a request is never lost even if queueing fails.</summary>
    private async Task<LessonRequest> QueueAsync(LearningPath path, string topic, Difficulty difficulty, CancellationToken ct)
    {
        var now = time.Now();
        var request = new LessonRequest
        {
            LearnerId = path.LearnerId,
            LearningPathId = path.Id,
            Topic = topic,
            Difficulty = difficulty,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LessonRequests.Add(request);
        await db.SaveChangesAsync(ct);
        try
        {
            jobs.EnqueueLessonGeneration(request.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job store is down but the request is stored: the recovery sweep queues it once the store is back.
            logger.LogWarning("Lesson request {RequestId} is stored but could not be queued ({Error}); recovery will queue it", request.Id, ex.GetType().Name);
        }

        return request;
    }
}
