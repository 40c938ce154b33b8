using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Experiments;
using BmoLearning.Core.Learners;
using BmoLearning.Learning.SendTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.SendTime;

/// <summary>Today's send-time decision for a learner, with the policy that applies to them.</summary>
public sealed record SendTimeDecision(string Policy, SendTimeChoice Choice, DateOnly LocalDate);

/// <summary>
/// Learned send time in the product. Slot counts (sent / answered within 24 h, per local hour) are derived from the
/// stored deliveries and answers of the last <see cref="History"/>, so a delivery counts once sent and an answer
/// updates its slot when it arrives; an unanswered one counts as a miss once 24 h have passed. Thompson sampling
/// is seeded by learner and local date, so the day's choice is stable across scheduler ticks and restarts.
/// </summary>
public sealed class SendTimeService(
    AppDbContext db,
    ExperimentService experiments,
    IOptions<DeliveryOptions> delivery,
    IOptions<Adaptive.AdaptiveOptions> adaptive,
    TimeProvider time)
{
    public static readonly TimeSpan History = TimeSpan.FromDays(60);
    private static readonly TimeSpan AnswerWindow = TimeSpan.FromHours(24);
    private readonly SendTimeChooser _chooser = new();

    /// <summary>The learned choice for today; null for an unknown learner.</summary>
    public async Task<SendTimeDecision?> ChooseAsync(Guid learnerId, CancellationToken ct)
    {
        var learner = await db.Learners.AsNoTracking().SingleOrDefaultAsync(l => l.Id == learnerId, ct);
        if (learner is null)
        {
            return null;
        }

        var policy = await experiments.DefaultAsync(ExperimentFactors.SendTimePolicy, ct);
        return new SendTimeDecision(policy, await ChooseAsync(learner, time.Now(), ct), LocalDate(learner, time.Now()));
    }

    /// <summary>
    /// Whether the scheduler may contact the learner now. Fixed policy: the preferred-hour window. Learned policy:
    /// from today's chosen slot on, outside quiet hours on working days, and only while the daily budget allows.
    /// </summary>
    public async Task<bool> IsDueAsync(Learner learner, DeliveryWindow window, DateTimeOffset now, CancellationToken ct)
    {
        var policy = await experiments.DecideAsync(learner.Id, ExperimentFactors.SendTimePolicy, now, ct);
        if (policy.Value != "learned")
        {
            return window.IsOpen(now);
        }

        if (window.IsQuiet(now))
        {
            return false;
        }

        var choice = await ChooseAsync(learner, now, ct);
        return choice.CanSend && ToWindow(learner).TimeZone is var zone && TimeZoneInfo.ConvertTime(now, zone).Hour >= choice.LocalHour;
    }

    private async Task<SendTimeChoice> ChooseAsync(Learner learner, DateTimeOffset now, CancellationToken ct)
    {
        var window = ToWindow(learner);
        var localNow = TimeZoneInfo.ConvertTime(now, window.TimeZone);
        // Decide from the start of the local day, so the choice does not drift as the day's hours pass.
        var dayStart = new DateTimeOffset(localNow.Date, window.TimeZone.GetUtcOffset(localNow.Date));
        var counts = await CountsAsync(learner, now, ct);
        var sentToday = (await db.Lessons.AsNoTracking()
                .Where(l => l.LearnerId == learner.Id && l.ReviewOfLessonId == null && l.CreatedAt > now.AddDays(-2))
                .Select(l => l.CreatedAt).ToListAsync(ct))
            .Count(c => TimeZoneInfo.ConvertTime(c, window.TimeZone).Date == localNow.Date);
        var request = new SendTimeRequest(dayStart, window, sentToday, adaptive.Value.NewLessonsPerDay, counts.Learner, counts.Team, counts.Organisation);
        return _chooser.Choose(request, new Random(Seed(learner.Id, DateOnly.FromDateTime(localNow.Date))));
    }

    private async Task<(SlotCounts[] Learner, SlotCounts[] Team, SlotCounts[] Organisation)> CountsAsync(Learner learner, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - History;
        var sent = (await db.LessonDeliveries.AsNoTracking()
                .Where(d => d.Sequence == 0 && d.Status == DeliveryStatus.Sent && d.SentAt != null)
                .Join(db.Learners, d => d.LearnerId, l => l.Id, (d, l) => new { d.LearnerId, d.LessonId, SentAt = d.SentAt!.Value, l.Team, l.TimeZone })
                .ToListAsync(ct))
            .Where(d => d.SentAt >= since && now - d.SentAt >= TimeSpan.Zero)
            .ToList();
        var lessonIds = sent.Select(d => d.LessonId).ToList();
        var answers = (await db.QuizResponses.AsNoTracking().Where(r => lessonIds.Contains(r.LessonId))
            .Select(r => new { r.LessonId, r.CreatedAt }).ToListAsync(ct)).ToLookup(r => r.LessonId);
        var own = NewSlots();
        var team = NewSlots();
        var organisation = NewSlots();
        foreach (var d in sent)
        {
            var answered = answers[d.LessonId].Any(a => a.CreatedAt - d.SentAt <= AnswerWindow);
            if (!answered && now - d.SentAt < AnswerWindow)
            {
                continue; // still within its 24 hours: neither a hit nor a miss yet
            }

            var hour = TimeZoneInfo.ConvertTime(d.SentAt, Zone(d.TimeZone)).Hour;
            Add(organisation, hour, answered);
            if (learner.Team is not null && string.Equals(d.Team, learner.Team, StringComparison.OrdinalIgnoreCase))
            {
                Add(team, hour, answered);
            }

            if (d.LearnerId == learner.Id)
            {
                Add(own, hour, answered);
            }
        }

        return (own, team, organisation);
    }

    private SendWindow ToWindow(Learner learner)
    {
        var options = delivery.Value;
        var quietStart = (learner.QuietHoursStart ?? options.QuietHoursStart).Hour;
        var quietEnd = (learner.QuietHoursEnd ?? options.QuietHoursEnd).Hour;
        var days = DeliveryWindow.ParseDays(options.WorkingDays).Select(d => (DayOfWeek)((int)d % 7)).ToHashSet();
        return new SendWindow(Zone(learner.TimeZone), quietStart, quietEnd, days);
    }

    private DateOnly LocalDate(Learner learner, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(learner.TimeZone)).Date);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static SlotCounts[] NewSlots() => new SlotCounts[24];

    private static void Add(SlotCounts[] slots, int hour, bool answered) =>
        slots[hour] = new SlotCounts(slots[hour].Sent + 1, slots[hour].Answered + (answered ? 1 : 0));

    private static int Seed(Guid learnerId, DateOnly date)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{learnerId:N}|{date:yyyy-MM-dd}"), hash);
        return BitConverter.ToInt32(hash);
    }
}
