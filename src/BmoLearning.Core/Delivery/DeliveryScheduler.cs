using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Delivery;

/// <summary>
/// Recurring job: for each active path whose learner's window is open, sends what is due — an undelivered
/// lesson, a reminder for an unanswered question (at most one a day, capped), or else the path's next
/// lesson (at most one a day). Only queues work; the jobs it queues are idempotent, so running it twice is harmless.
/// </summary>
public sealed class DeliveryScheduler(
    AppDbContext db,
    IJobQueue jobs,
    IOptions<DeliveryOptions> options,
    IOptions<Adaptive.AdaptiveOptions> adaptive,
    Adaptive.MasteryService mastery,
    Adaptive.ReviewScheduler reviews,
    TimeProvider time,
    ILogger<DeliveryScheduler> logger,
    SendTime.SendTimeService sendTime,
    Experiments.ExperimentService experiments)
{
    public const string RecurringJobId = "delivery-scheduler";

    private readonly DeliveryOptions _options = options.Value;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.Now();
        var learnerIds = await db.LearningPaths.Where(p => p.Status == PathStatus.Active).Select(p => p.LearnerId).Distinct().ToListAsync(ct);
        // One range scan of the due-date index finds everyone with a review due, instead of a query per learner.
        var dueLearners = (await Adaptive.ReviewScheduler.LearnersWithDueReviewsAsync(db, now, ct)).ToHashSet();
        var queued = 0;
        foreach (var learnerId in learnerIds)
        {
            var learner = await db.Learners.AsNoTracking().SingleAsync(l => l.Id == learnerId, ct);
            if (learner.ErasedAt is not null)
            {
                continue;
            }

            var window = DeliveryWindow.For(learner, _options);
            // Issue 15: the send-time policy (fixed window or learned slot) decides; quiet hours and budget always win.
            if (!await sendTime.IsDueAsync(learner, window, now, ct))
            {
                continue;
            }

            // Issue 12: a mastered course topic opens the next one; due concepts come back as reviews within the budget.
            if (await db.Enrolments.AnyAsync(e => e.LearnerId == learnerId, ct))
            {
                await mastery.AdvanceMasteredAsync(learnerId, ct);
            }

            if (dueLearners.Contains(learnerId))
            {
                queued += await reviews.QueueDueReviewsAsync(learnerId, window, now, ct);
            }

            var newToday = (await db.Lessons.AsNoTracking()
                    .Where(l => l.LearnerId == learnerId && l.ReviewOfLessonId == null && l.CreatedAt > now.AddDays(-2))
                    .Select(l => l.CreatedAt).ToListAsync(ct))
                .Count(c => window.DateAt(c) == window.DateAt(now));
            var paths = await db.LearningPaths.AsNoTracking().Where(p => p.LearnerId == learnerId && p.Status == PathStatus.Active)
                .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
            foreach (var path in paths)
            {
                queued += await ScheduleAsync(path, window, now, newToday >= adaptive.Value.NewLessonsPerDay, ct) ? 1 : 0;
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("Scheduler queued {Count} delivery or lesson job(s)", queued);
        }

        return queued;
    }

    private async Task<bool> ScheduleAsync(LearningPath path, DeliveryWindow window, DateTimeOffset now, bool newLessonBudgetUsed, CancellationToken ct)
    {
        if (await db.LessonRequests.AnyAsync(r => r.LearningPathId == path.Id && (r.Status == LessonRequestStatus.Queued || r.Status == LessonRequestStatus.Generating || r.Status == LessonRequestStatus.AwaitingApproval), ct))
        {
            return false; // a lesson is on its way
        }

        var today = window.DateAt(now);
        var latest = await db.Lessons.AsNoTracking().Where(l => l.LearningPathId == path.Id && l.ReviewOfLessonId == null).OrderByDescending(l => l.CreatedAt).FirstOrDefaultAsync(ct);
        var difficulty = Difficulty.Beginner;
        if (latest is not null)
        {
            difficulty = latest.Difficulty;
            var deliveries = await db.LessonDeliveries.AsNoTracking().Where(d => d.LessonId == latest.Id).ToListAsync(ct);
            var lessonSent = deliveries.Any(d => d.Sequence == 0 && d.Status == DeliveryStatus.Sent);
            if (!lessonSent)
            {
                // Generated after its window closed, or waiting for a retry: send it now unless a send is pending.
                if (deliveries.Any(d => d.Status == DeliveryStatus.Sending || (d.Status == DeliveryStatus.Queued && d.NextAttemptAt > now))
                    || (deliveries.Count > 0 && deliveries.All(d => d.Status == DeliveryStatus.Failed)))
                {
                    return false;
                }

                jobs.EnqueueDelivery(latest.Id, 0);
                return true;
            }

            var lastContact = deliveries.Where(d => d.SentAt is not null).Max(d => d.SentAt!.Value);
            if (window.DateAt(lastContact) >= today)
            {
                return false; // at most one lesson (or reminder) per path per day
            }

            if (!await db.QuizResponses.AnyAsync(r => r.LessonId == latest.Id, ct))
            {
                var reminders = deliveries.Where(d => d.Sequence > 0).Select(d => d.Sequence).DefaultIfEmpty(0).Max();
                // Issue 15: the reminder_policy factor is decided (and its exposure logged) only when a reminder is due.
                if (reminders < _options.MaxReminders
                    && (await experiments.DecideAsync(path.LearnerId, Experiments.ExperimentFactors.ReminderPolicy, now, ct)).Value != Experiments.ReminderPolicy.None)
                {
                    jobs.EnqueueDelivery(latest.Id, reminders + 1);
                    return true;
                }

                // Reminders are used up: the question stays open on its link and the path moves on.
            }
        }

        if (newLessonBudgetUsed)
        {
            return false; // the learner's new lessons for today (Adaptive:NewLessonsPerDay) are used up
        }

        var request = new LessonRequest
        {
            LearnerId = path.LearnerId,
            LearningPathId = path.Id,
            Topic = path.Topic,
            Difficulty = difficulty,
            Origin = LessonRequestOrigin.Scheduled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.LessonRequests.Add(request);
        await db.SaveChangesAsync(ct);
        jobs.EnqueueLessonGeneration(request.Id);
        return true;
    }
}
