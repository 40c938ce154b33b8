using BmoLearning.Core.Telemetry;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Delivery;

/// <summary>
/// Background job: sends a lesson (sequence 0) or a reminder (1..) on the learner's channel, falling back
/// to their next usable channel. Idempotent: each (lesson, channel, sequence) has one record, claimed
/// before the send, so a retried or duplicated job never sends the same thing twice.
/// </summary>
public sealed class DeliveryJob(
    AppDbContext db,
    IEnumerable<IDeliveryChannel> channels,
    IJobQueue jobs,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    Experiments.ExperimentService experiments,
    ILogger<DeliveryJob> logger)
{
    /// <summary>After the preferred channel, the order in which the others are tried; the web link always works.</summary>
    public static readonly IReadOnlyList<DeliveryChannel> FallbackOrder = [DeliveryChannel.Slack, DeliveryChannel.Email, DeliveryChannel.Sms, DeliveryChannel.Web];

    private readonly DeliveryOptions _options = options.Value;

    public async Task RunAsync(Guid lessonId, int sequence, CancellationToken ct)
    {
        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == lessonId, ct);
        var learner = lesson is null ? null : await db.Learners.SingleOrDefaultAsync(l => l.Id == lesson.LearnerId, ct);
        if (lesson is null || learner is null)
        {
            logger.LogWarning("Lesson {LessonId} no longer exists; nothing to deliver", lessonId);
            return;
        }

        if (lesson.Status is LessonStatus.Draft or LessonStatus.Retired or LessonStatus.Stale)
        {
            // Issue 14: a draft waits for its reviewer (approval queues the delivery); a retired or stale lesson never goes out.
            logger.LogInformation("Lesson {LessonId} is {Status}; not delivered", lessonId, lesson.Status);
            return;
        }

        if (learner.ErasedAt is not null)
        {
            // Issue 14: an erased learner has no contact data left, and nothing is sent to the pseudonymous row.
            return;
        }

        if (sequence > 0 && await db.QuizResponses.AnyAsync(r => r.LessonId == lessonId, ct))
        {
            return;
        }

        if (await DeferAsync(lesson, learner, sequence, ct))
        {
            return;
        }

        var chain = await ChainAsync(lesson, learner, sequence, ct);
        DeliveryChannel? fallbackFrom = null;
        foreach (var channel in chain)
        {
            var step = await DeliverOnAsync(lesson, learner, channel, sequence, fallbackFrom, ct);
            if (step != Step.TryNext)
            {
                return;
            }

            // Records after the first failure name the channel the learner wanted.
            fallbackFrom ??= channel;
        }

        logger.LogWarning("Lesson {LessonId} (sequence {Sequence}) could not be delivered on any channel", lessonId, sequence);
    }

    private enum Step
    {
        Done,
        TryNext,
    }

    /// <summary>Quiet hours are never broken; scheduled lessons and reminders also wait for the learner's window.</summary>
    private async Task<bool> DeferAsync(Lesson lesson, Learner learner, int sequence, CancellationToken ct)
    {
        var now = time.Now();
        var window = DeliveryWindow.For(learner, _options);
        var origin = await db.LessonRequests.Where(r => r.LessonId == lesson.Id).Select(r => (LessonRequestOrigin?)r.Origin).FirstOrDefaultAsync(ct);
        var scheduled = sequence > 0 || origin == LessonRequestOrigin.Scheduled;
        var allowed = scheduled ? window.IsOpen(now) : !window.IsQuiet(now);
        if (allowed)
        {
            return false;
        }

        var at = scheduled ? window.NextOpening(now) : window.NextNotQuiet(now);
        logger.LogInformation("Lesson {LessonId} (sequence {Sequence}) waits for {At} (learner's window)", lesson.Id, sequence, at);
        jobs.ScheduleDelivery(lesson.Id, sequence, at - now);
        return true;
    }

    private async Task<IReadOnlyList<DeliveryChannel>> ChainAsync(Lesson lesson, Learner learner, int sequence, CancellationToken ct)
    {
        if (sequence > 0)
        {
            // A reminder goes where the lesson went.
            var delivered = await db.LessonDeliveries
                .Where(d => d.LessonId == lesson.Id && d.Sequence == 0 && d.Status == DeliveryStatus.Sent)
                .Select(d => (DeliveryChannel?)d.Channel).FirstOrDefaultAsync(ct);
            return delivered is null ? [] : [delivered.Value];
        }

        // Issue 15: the channel_order factor. "web_first" sends the lesson link first and keeps the learner's channel as
        // the fallback; the default tries the preferred channel first.
        var order = await experiments.DecideAsync(learner.Id, Experiments.ExperimentFactors.ChannelOrder, time.Now(), ct);
        var first = order.Value == Experiments.ChannelOrder.WebFirst ? DeliveryChannel.Web : learner.PreferredChannel;
        return [first, .. new[] { learner.PreferredChannel }.Concat(FallbackOrder).Where(c => c != first).Distinct()];
    }

    private async Task<Step> DeliverOnAsync(Lesson lesson, Learner learner, DeliveryChannel channel, int sequence, DeliveryChannel? fallbackFrom, CancellationToken ct)
    {
        var implementation = channels.FirstOrDefault(c => c.Channel == channel);
        var record = await EnsureRecordAsync(lesson, channel, sequence, fallbackFrom, implementation is null ? "The channel is not configured." : implementation.CannotReach(learner), ct);
        var now = time.Now();
        switch (record.Status)
        {
            case DeliveryStatus.Sent:
                return Step.Done;
            case DeliveryStatus.Failed:
                return Step.TryNext;
            case DeliveryStatus.Sending when record.UpdatedAt > now - _options.SendLease:
                return Step.Done; // another worker is sending it right now
            case DeliveryStatus.Sending:
                // The worker that claimed it stopped mid-send: the message may have gone out, so it is not sent again.
                await FinishAsync(record, DeliveryStatus.Failed, "The send was interrupted and its outcome is unknown; not retried to avoid a duplicate.", ct);
                return Step.Done;
        }

        if (record.NextAttemptAt is { } due && due > now)
        {
            return Step.Done; // a retry is already scheduled
        }

        if (!await TryClaimAsync(record.Id, now, ct))
        {
            return Step.Done;
        }

        await db.Entry(record).ReloadAsync(ct);
        var channelName = channel.ToString().ToLowerInvariant();
        using var span = BmoTelemetry.Start($"deliver {channelName}");
        span?.SetTag("bmo.delivery.channel", channelName);
        span?.SetTag("bmo.delivery.sequence", sequence);
        SendResult result;
        try
        {
            result = await implementation!.SendAsync(new DeliveryMessage(record.Id, learner, lesson, sequence), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            span.RecordFailure(ex);
            result = SendResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }

        var step = await RecordAsync(record, lesson, learner, result, ct);
        // sent | retry | failed: a failure that will not be retried moves on to the next channel.
        var outcome = result.Outcome == SendOutcome.Sent ? "sent" : record.Status == DeliveryStatus.Failed ? "failed" : "retry";
        span?.SetTag("bmo.delivery.outcome", outcome);
        var channelTag = new KeyValuePair<string, object?>("channel", channelName);
        BmoTelemetry.DeliveryOutcomes.Add(1, channelTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (outcome != "sent")
        {
            BmoTelemetry.DeliveryFailures.Add(1, channelTag);
        }

        return step;
    }

    private async Task<Step> RecordAsync(LessonDelivery record, Lesson lesson, Learner learner, SendResult result, CancellationToken ct)
    {
        var now = time.Now();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                record.ProviderMessageId = result.ProviderMessageId;
                record.ProviderChannelId = result.ProviderChannelId;
                record.SentAt = now;
                if (record.Sequence == 0)
                {
                    lesson.DeliveredAt = now;
                    lesson.Status = LessonStatus.Published;
                    lesson.DeliveryChannel = record.Channel.ToString().ToLowerInvariant();
                }

                await FinishAsync(record, DeliveryStatus.Sent, null, ct);
                logger.LogInformation("Delivered lesson {LessonId} (sequence {Sequence}) by {Channel}", record.LessonId, record.Sequence, record.Channel);
                return Step.Done;

            case SendOutcome.Permanent:
                if (result.RecipientOptedOut && record.Channel == DeliveryChannel.Sms)
                {
                    learner.SmsOptedOut = true;
                    learner.SmsOptedOutAt ??= now;
                }

                await FinishAsync(record, DeliveryStatus.Failed, result.Error, ct);
                LogFailure(record, result, final: true);
                return Step.TryNext;

            default:
                if (record.Attempts >= _options.MaxAttempts)
                {
                    await FinishAsync(record, DeliveryStatus.Failed, $"Gave up after {record.Attempts} attempts. Last error: {result.Error}", ct);
                    LogFailure(record, result, final: true);
                    return Step.TryNext;
                }

                var delay = result.Outcome == SendOutcome.RateLimited && result.RetryAfter is { } retryAfter
                    ? retryAfter
                    : RetryBackoff.Delay(_options.RetryDelays, record.Attempts);
                record.NextAttemptAt = now + delay;
                await FinishAsync(record, DeliveryStatus.Queued, result.Error, ct);
                LogFailure(record, result, final: false);
                jobs.ScheduleDelivery(record.LessonId, record.Sequence, delay);
                return Step.Done;
        }
    }

    /// <summary>The `delivery.failed` event the saved delivery-failures query counts (by channel and reason).</summary>
    private void LogFailure(LessonDelivery record, SendResult result, bool final)
    {
        var reason = result.RecipientOptedOut ? "opted_out" : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString());
        logger.LogWarning(LogEvents.DeliveryFailed, "Delivery {DeliveryId} by {Channel} attempt {Attempt} failed ({Reason}; final: {Final}): {Error}",
            record.Id, record.Channel.ToString().ToLowerInvariant(), record.Attempts, reason, final, result.Error);
    }

    private async Task<LessonDelivery> EnsureRecordAsync(Lesson lesson, DeliveryChannel channel, int sequence, DeliveryChannel? fallbackFrom, string? cannotReach, CancellationToken ct)
    {
        var key = LessonDelivery.KeyFor(lesson.Id, channel, sequence);
        var existing = await db.LessonDeliveries.SingleOrDefaultAsync(d => d.IdempotencyKey == key, ct);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.Now();
        var record = new LessonDelivery
        {
            LessonId = lesson.Id,
            LearnerId = lesson.LearnerId,
            Channel = channel,
            Sequence = sequence,
            IdempotencyKey = key,
            FallbackFrom = fallbackFrom,
            Status = cannotReach is null ? DeliveryStatus.Queued : DeliveryStatus.Failed,
            Error = cannotReach,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // A concurrent job may create it first: then theirs is used.
        return (await db.InsertOrGetAsync(record, d => d.IdempotencyKey == key, ct)).Row;
    }

    private async Task<bool> TryClaimAsync(Guid recordId, DateTimeOffset now, CancellationToken ct) =>
        await db.LessonDeliveries
            .Where(d => d.Id == recordId && d.Status == DeliveryStatus.Queued && (d.NextAttemptAt == null || d.NextAttemptAt <= now))
            .TryClaimAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.UpdatedAt, now), ct);

    private async Task FinishAsync(LessonDelivery record, DeliveryStatus status, string? error, CancellationToken ct)
    {
        record.Status = status;
        record.Error = error is { Length: > 1000 } ? error[..1000] : error;
        record.UpdatedAt = time.Now();
        // The send happened: recording it must not be abandoned half-way by a shutdown.
        await db.SaveChangesAsync(status == DeliveryStatus.Sent ? CancellationToken.None : ct);
    }
}
