using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Learners;

/// <summary>One learner: contact settings, accuracy per topic and a timeline of lessons, answers and deliveries.</summary>
public sealed class DetailsModel(AppDbContext db) : ConsolePage
{
    public const int TimelineLength = 200;

    public Learner Learner { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<TopicAccuracy> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var learner = await db.Learners.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        var scope = ConsoleAuth.TeamScope(User, null, out _);
        // Another team's learner is as unknown to a manager as a learner that does not exist.
        if (learner is null || (scope is not null && (learner.Team is null || !scope.Contains(learner.Team, StringComparer.Ordinal))))
        {
            return NotFoundPage("No such learner.");
        }

        Learner = learner;
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.LearnerId == id).OrderByDescending(l => l.CreatedAt).Take(TimelineLength)
            .Select(l => new { l.Id, l.Topic, l.CreatedAt, l.DeliveredAt }).ToListAsync(ct);
        var ids = lessons.Select(l => l.Id).ToList();
        var topicOf = lessons.ToDictionary(l => l.Id, l => l.Topic);
        var answers = await db.QuizResponses.AsNoTracking().Where(r => r.LearnerId == id && ids.Contains(r.LessonId))
            .Select(r => new { r.LessonId, r.Correct, r.Channel, r.CreatedAt }).ToListAsync(ct);
        var deliveries = await db.LessonDeliveries.AsNoTracking().Where(d => ids.Contains(d.LessonId))
            .Select(d => new { d.LessonId, d.Channel, d.Sequence, d.Status, d.Error, d.Attempts, d.CreatedAt, d.SentAt }).ToListAsync(ct);

        Timeline = lessons.Select(l => new TimelineEntry(l.CreatedAt, "lesson", l.Topic, l.DeliveredAt is null ? "written, not delivered" : "written"))
            .Concat(deliveries.Select(d => new TimelineEntry(d.SentAt ?? d.CreatedAt, d.Sequence == 0 ? "delivery" : "reminder", topicOf[d.LessonId],
                $"{d.Channel.ToString().ToLowerInvariant()}: {d.Status.ToString().ToLowerInvariant()}{(d.Status == DeliveryStatus.Failed && d.Error is not null ? $" ({d.Error})" : "")}, {d.Attempts} {(d.Attempts == 1 ? "attempt" : "attempts")}")))
            .Concat(answers.Select(a => new TimelineEntry(a.CreatedAt, "answer", topicOf[a.LessonId], $"{(a.Correct ? "correct" : "wrong")} on {a.Channel}")))
            .OrderByDescending(e => e.At)
            .ToList();
        Topics = answers.GroupBy(a => topicOf[a.LessonId], StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TopicAccuracy(g.Key, g.Count(), g.Count(a => a.Correct))).ToList();
        return Page();
    }

    public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Topic, string Outcome);

    public sealed record TopicAccuracy(string Topic, int Answers, int Correct)
    {
        public double Rate => Answers == 0 ? 0 : (double)Correct / Answers;
    }
}
