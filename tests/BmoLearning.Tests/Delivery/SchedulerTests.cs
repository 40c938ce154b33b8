using System.Globalization;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Delivery;

/// <summary>
/// A week of fake time in 30-minute steps around daylight-saving changes: the scheduler, generation and
/// delivery jobs run as the worker would run them, and every send is checked against the learner's local clock.
/// </summary>
public sealed class SchedulerTests
{
    [Theory]
    [InlineData("America/New_York", "2026-03-05")] // spring forward, Sunday 8 March
    [InlineData("America/New_York", "2026-10-29")] // fall back, Sunday 1 November
    [InlineData("Europe/London", "2026-03-26")] // spring forward, Sunday 29 March
    [InlineData("Europe/London", "2026-10-22")] // fall back, Sunday 25 October
    [InlineData("Australia/Sydney", "2026-04-02")] // fall back, Sunday 5 April
    [InlineData("Australia/Sydney", "2026-10-01")] // spring forward, Sunday 4 October
    [InlineData("Asia/Kolkata", "2026-03-05")] // no daylight saving, UTC+05:30
    public async Task A_week_across_a_DST_change_never_sends_in_quiet_hours_and_keeps_to_one_lesson_a_day_and_two_reminders(string zone, string startDate)
    {
        var start = DateTimeOffset.Parse(startDate + "T00:00:00Z", CultureInfo.InvariantCulture);
        await using var host = await DeliveryHost.CreateAsync(start, seeded: true);
        // One learner answers everything an hour after it arrives; one never answers; one has early custom quiet hours.
        var answers = await host.AddLearnerAsync(l => (l.TimeZone, l.PreferredDeliveryHour) = (zone, 9));
        var ignores = await host.AddLearnerAsync(l => (l.TimeZone, l.PreferredDeliveryHour) = (zone, 10));
        var early = await host.AddLearnerAsync(l => (l.TimeZone, l.PreferredDeliveryHour, l.QuietHoursStart, l.QuietHoursEnd) = (zone, 7, new TimeOnly(21, 30), new TimeOnly(7, 45)));
        foreach (var learner in new[] { answers, ignores, early })
        {
            await using var scope = host.Scope();
            var created = await scope.ServiceProvider.GetRequiredService<LessonRequestService>().CreatePathAsync(learner.Id, "Grace periods", totalLessons: null, CancellationToken.None);
            Assert.Equal(Core.Common.ServiceStatus.Ok, created.Status);
        }

        for (var now = start; now < start.AddDays(7); now = now.AddMinutes(30))
        {
            host.Time.SetUtcNow(now);
            await using (var scope = host.Scope())
            {
                await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None);
            }

            await host.DrainAsync();
            await AnswerWhatArrivedAnHourAgoAsync(host, answers.Id, now);
            await AnswerWhatArrivedAnHourAgoAsync(host, early.Id, now);
        }

        var sent = await host.WithDbAsync(db => db.LessonDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Sent).ToListAsync());
        var origins = await host.WithDbAsync(db => db.LessonRequests.AsNoTracking().Where(r => r.LessonId != null).ToDictionaryAsync(r => r.LessonId!.Value, r => r.Origin));
        // Review questions (issue 12) are scheduled sends without a lesson request.
        var reviews = await host.WithDbAsync(db => db.Lessons.AsNoTracking().Where(l => l.ReviewOfLessonId != null).Select(l => l.Id).ToListAsync());
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var learners = new Dictionary<Guid, Learner> { [answers.Id] = answers, [ignores.Id] = ignores, [early.Id] = early };
        foreach (var delivery in sent)
        {
            var learner = learners[delivery.LearnerId];
            var local = TimeZoneInfo.ConvertTime(delivery.SentAt!.Value, tz);
            var quietStart = learner.QuietHoursStart ?? new TimeOnly(20, 0);
            var quietEnd = learner.QuietHoursEnd ?? new TimeOnly(8, 0);
            var time = TimeOnly.FromDateTime(local.DateTime);
            Assert.False(time >= quietStart || time < quietEnd, $"{delivery.Channel} #{delivery.Sequence} sent at {local:yyyy-MM-dd HH:mm zzz}, inside quiet hours {quietStart}-{quietEnd}");
            if (delivery.Sequence > 0 || reviews.Contains(delivery.LessonId) || origins[delivery.LessonId] == LessonRequestOrigin.Scheduled)
            {
                Assert.True(local.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday, $"scheduled send on a {local.DayOfWeek}");
                Assert.InRange(local.Hour, learner.PreferredDeliveryHour, learner.PreferredDeliveryHour + 2);
            }
        }

        // Review questions (issue 12) are their own budget: new lessons stay at one a day, reviews at most three.
        var reviewsSent = sent.Where(d => d.Sequence == 0 && reviews.Contains(d.LessonId)).ToList();
        Assert.All(reviewsSent.GroupBy(d => (d.LearnerId, TimeZoneInfo.ConvertTime(d.SentAt!.Value, tz).Date)), day => Assert.InRange(day.Count(), 1, 3));
        Assert.DoesNotContain(sent, d => d.Sequence > 0 && reviews.Contains(d.LessonId)); // an unanswered review gets no reminders
        var lessonsSent = sent.Where(d => d.Sequence == 0 && !reviews.Contains(d.LessonId)).ToList();
        var lessonsByDay = lessonsSent.GroupBy(d => (d.LearnerId, TimeZoneInfo.ConvertTime(d.SentAt!.Value, tz).Date));
        Assert.All(lessonsByDay, day => Assert.Single(day));
        var remindersPerLesson = sent.Where(d => d.Sequence > 0).GroupBy(d => d.LessonId).Select(g => g.Count()).ToList();
        Assert.All(remindersPerLesson, count => Assert.InRange(count, 1, 2));

        // Not vacuous: the answering learner got a lesson on each of the five working days' windows (or the evening of the first),
        // the silent one got two reminders and then moved on.
        Assert.InRange(lessonsSent.Count(d => d.LearnerId == answers.Id), 5, 6);
        Assert.Contains(2, sent.Where(d => d.LearnerId == ignores.Id && d.Sequence > 0).GroupBy(d => d.LessonId).Select(g => g.Count()));
        Assert.True(lessonsSent.Count(d => d.LearnerId == ignores.Id) >= 2, "after two reminders the silent learner's path moves on");
    }

    [Fact]
    public async Task A_lesson_generated_after_the_window_closed_waits_for_the_next_window_instead_of_arriving_at_night()
    {
        // Tuesday 2026-06-09 13:30 in Toronto (17:30 UTC): past the 9:00 + 3 h window, before quiet hours.
        await using var host = await DeliveryHost.CreateAsync(DateTimeOffset.Parse("2026-06-09T17:30:00Z", CultureInfo.InvariantCulture));
        var learner = await host.AddLearnerAsync(l => l.TimeZone = "America/Toronto");
        var lesson = await host.AddLessonAsync(learner, origin: LessonRequestOrigin.Scheduled);

        await host.DeliverAsync(lesson.Id);

        Assert.Empty(await host.DeliveriesAsync(lesson.Id));
        var retry = Assert.Single(host.Jobs.All);
        Assert.Equal(DateTimeOffset.Parse("2026-06-10T13:00:00Z", CultureInfo.InvariantCulture), retry.DueAt); // Wednesday 9:00 EDT
        host.Time.SetUtcNow(retry.DueAt);
        await host.DrainAsync();
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(await host.DeliveriesAsync(lesson.Id)).Status);
    }

    [Fact]
    public async Task An_on_demand_lesson_ready_in_quiet_hours_goes_out_when_they_end()
    {
        // 23:00 in Europe/Paris (21:00 UTC, summer time).
        await using var host = await DeliveryHost.CreateAsync(DateTimeOffset.Parse("2026-07-01T21:00:00Z", CultureInfo.InvariantCulture));
        var learner = await host.AddLearnerAsync(l => l.TimeZone = "Europe/Paris");
        var lesson = await host.AddLessonAsync(learner);

        await host.DeliverAsync(lesson.Id);

        Assert.Empty(await host.DeliveriesAsync(lesson.Id));
        Assert.Equal(DateTimeOffset.Parse("2026-07-02T06:00:00Z", CultureInfo.InvariantCulture), Assert.Single(host.Jobs.All).DueAt); // 08:00 CEST
    }

    [Fact]
    public async Task A_paused_path_gets_no_lessons_or_reminders_until_resumed()
    {
        // Monday 2026-06-08 10:00 UTC: inside a UTC learner's 9:00 window.
        await using var host = await DeliveryHost.CreateAsync(DateTimeOffset.Parse("2026-06-08T10:00:00Z", CultureInfo.InvariantCulture));
        var learner = await host.AddLearnerAsync();
        var lesson = await host.AddLessonAsync(learner);
        await host.DeliverAsync(lesson.Id);
        await host.WithDbAsync(db => db.LearningPaths.Where(p => p.LearnerId == learner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, Core.LearningPaths.PathStatus.Paused)));

        host.Time.SetUtcNow(DateTimeOffset.Parse("2026-06-09T10:00:00Z", CultureInfo.InvariantCulture));
        await using (var scope = host.Scope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None));
        }

        await host.WithDbAsync(db => db.LearningPaths.Where(p => p.LearnerId == learner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, Core.LearningPaths.PathStatus.Active)));
        await using (var scope = host.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None));
        }

        Assert.Equal(new QueuedJob(JobKind.Delivery, lesson.Id, 1, host.Time.GetUtcNow()), Assert.Single(host.Jobs.All));
    }

    private static async Task AnswerWhatArrivedAnHourAgoAsync(DeliveryHost host, Guid learnerId, DateTimeOffset now)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cutoff = now.AddHours(-1);
        var due = await db.LessonDeliveries.AsNoTracking()
            .Where(d => d.LearnerId == learnerId && d.Sequence == 0 && d.Status == DeliveryStatus.Sent && d.SentAt <= cutoff)
            .Where(d => !db.QuizResponses.Any(r => r.LessonId == d.LessonId))
            .Join(db.Lessons, d => d.LessonId, l => l.Id, (d, l) => new { l.Id, l.CorrectAnswer })
            .ToListAsync();
        var quiz = scope.ServiceProvider.GetRequiredService<QuizService>();
        foreach (var lesson in due)
        {
            await quiz.AnswerAsync(new QuizAnswer(learnerId, lesson.Id, lesson.CorrectAnswer, null, "web"), CancellationToken.None);
        }
    }
}
