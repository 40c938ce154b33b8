using System.Text.Json;
using BmoLearning.Core.Analytics;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Demo;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BmoLearning.Tests.Analytics;

/// <summary>
/// The rollup must not change a number: on a seeded month of activity (late answers, fallbacks, reminders, learners
/// without a team, a row from a wrong clock) the dashboard and topics reports equal the raw queries' (<see cref="RawAnalytics"/>)
/// for every filter, before and after writes that touch days already built, and after midnight. Runs on the run's
/// provider (SQLite, or PostgreSQL with BMO_TEST_PROVIDER=postgres).
/// </summary>
public sealed class RollupEquivalenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);
    private static readonly string?[] Teams = ["Branch", "Cards", "Wealth", null];
    private static readonly string[] Topics = ["APR basics", "Grace period", "Cash advances"];

    [Fact]
    public async Task Dashboard_and_topics_equal_the_raw_queries_for_every_filter_before_and_after_late_writes()
    {
        var clock = new DemoClock(Now);
        await using var core = await CoreServices.CreateAsync(replace: s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        var ids = await SeedAsync(core);

        await AssertIdenticalAsync(core, clock, "seeded");
        await using (var scope = core.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().AnalyticsRollupDays.CountAsync() > 20, "closed days are read from the rollup");
        }

        await using (var scope = core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // A late answer to a lesson delivered 12 days ago: moves that day's funnel, not only today's answers.
            var old = await db.Lessons.Where(l => l.DeliveredAt < Now.AddDays(-12) && l.DeliveredAt > Now.AddDays(-13) && !db.QuizResponses.Any(r => r.LessonId == l.Id)).FirstAsync();
            db.QuizResponses.Add(new QuizResponse { LearnerId = old.LearnerId, LessonId = old.Id, Correct = false, AnswerGiven = 1, CreatedAt = Now.AddMinutes(-5) });
            // A failed delivery 9 days ago that the provider later reports as sent.
            var failed = await db.LessonDeliveries.FirstAsync(d => d.Status == DeliveryStatus.Failed && d.CreatedAt < Now.AddDays(-9));
            failed.Status = DeliveryStatus.Sent;
            // A learner moves team: every day of their history moves with them.
            var mover = await db.Learners.FirstAsync(l => l.Team == "Cards");
            mover.Team = "Wealth";
            await db.SaveChangesAsync();
        }

        await AssertIdenticalAsync(core, clock, "after late writes");

        clock.Now = Now.AddDays(1).AddHours(2); // past midnight: yesterday is now a closed day
        await AssertIdenticalAsync(core, clock, "after midnight");
        await using (var scope = core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var lesson = await db.Lessons.Where(l => l.DeliveredAt > Now.AddHours(-10) && l.DeliveredAt < Now && !db.QuizResponses.Any(r => r.LessonId == l.Id)).FirstAsync();
            db.QuizResponses.Add(new QuizResponse { LearnerId = lesson.LearnerId, LessonId = lesson.Id, Correct = true, AnswerGiven = 0, CreatedAt = Now.AddHours(2) });
            var removed = await db.Lessons.FirstAsync(l => l.Id == ids[3]);
            db.Lessons.Remove(removed);
            await db.SaveChangesAsync();
        }

        await AssertIdenticalAsync(core, clock, "after a write to a day built after midnight and a deleted lesson");
    }

    private static async Task AssertIdenticalAsync(CoreServices core, DemoClock clock, string stage)
    {
        var today = DateOnly.FromDateTime(clock.Now.UtcDateTime);
        var queries = new List<AnalyticsQuery>();
        foreach (var (from, to) in new[] { (today.AddDays(-29), today), (today.AddDays(-20), today.AddDays(-3)), (today.AddDays(-2), today.AddDays(4)), (today.AddDays(-6), today.AddDays(-6)), (new DateOnly(2001, 1, 1), new DateOnly(2001, 1, 9)) })
        {
            foreach (var course in new[] { null, "  grace   PERIOD ", "No such course" })
            {
                foreach (var teams in new IReadOnlyList<string>?[] { null, ["Cards"], ["Cards", "Wealth"] })
                {
                    queries.Add(new AnalyticsQuery(from, to, course?.Trim(), teams));
                }
            }
        }

        foreach (var query in queries)
        {
            await using var scope = core.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var raw = new RawAnalytics(db);
            var analytics = scope.ServiceProvider.GetRequiredService<AnalyticsService>();
            var what = $"{stage}: {query.From}..{query.To} course={query.Course} teams={string.Join('|', query.Teams ?? [])}";
            Same(Json(await raw.DashboardAsync(query, CancellationToken.None)), Json(await analytics.DashboardAsync(query, CancellationToken.None)), what);
            Same(Json(await raw.TopicsAsync(query, CancellationToken.None)), Json(await analytics.TopicsAsync(query, CancellationToken.None)), what);
        }
    }

    private static void Same(string raw, string rollup, string what)
    {
        if (raw != rollup)
        {
            Assert.Fail($"{what}\nraw queries:\n{raw}\nrollup:\n{rollup}");
        }
    }

    private static string Json(object report) => JsonSerializer.Serialize(report, report.GetType(), new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A month of activity for 24 learners on three topics; returns some lesson ids.</summary>
    private static async Task<List<Guid>> SeedAsync(CoreServices core)
    {
        var random = new Random(13);
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var start = Now.AddDays(-27);
        var lessonIds = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var learner = new Learner { Email = $"rollup{i}@example.com", Name = $"Rollup {i}", Team = Teams[i % Teams.Length], CreatedAt = start, UpdatedAt = start };
            db.Learners.Add(learner);
            var paths = Topics.Select(t => new LearningPath { LearnerId = learner.Id, Topic = t, TopicKey = LearningPath.KeyFor(t), CreatedAt = start.AddDays(random.Next(20)), UpdatedAt = start }).ToList();
            foreach (var path in paths.Where(_ => random.NextDouble() < 0.3))
            {
                path.Status = PathStatus.Completed;
                path.CompletedAt = path.CreatedAt.AddDays(random.Next(1, 12));
            }

            db.LearningPaths.AddRange(paths);
            for (var day = 0; day <= 27; day++)
            {
                for (var n = random.Next(3); n > 0; n--)
                {
                    var created = start.AddDays(day).AddHours(random.Next(24)).AddMinutes(random.Next(60));
                    if (created > Now)
                    {
                        continue;
                    }

                    var lesson = NewLesson(learner.Id, paths[random.Next(paths.Count)], created, random);
                    db.Lessons.Add(lesson);
                    lessonIds.Add(lesson.Id);
                    if (random.NextDouble() < 0.1)
                    {
                        continue; // generated, never delivered
                    }

                    var channel = (DeliveryChannel)random.Next(4);
                    var status = random.NextDouble() switch { < 0.7 => DeliveryStatus.Sent, < 0.85 => DeliveryStatus.Failed, _ => DeliveryStatus.Queued };
                    db.LessonDeliveries.Add(NewDelivery(lesson, channel, 0, status, created.AddMinutes(2)));
                    if (status == DeliveryStatus.Failed && channel != DeliveryChannel.Web)
                    {
                        db.LessonDeliveries.Add(NewDelivery(lesson, DeliveryChannel.Web, 0, DeliveryStatus.Sent, created.AddMinutes(5)));
                        status = DeliveryStatus.Sent;
                    }

                    if (status != DeliveryStatus.Sent)
                    {
                        continue;
                    }

                    lesson.DeliveredAt = created.AddMinutes(random.Next(5, 20 * 60)); // often the next day
                    lesson.DeliveryChannel = channel.ToString().ToLowerInvariant();
                    if (random.NextDouble() < 0.3)
                    {
                        db.LessonDeliveries.Add(NewDelivery(lesson, channel, 1, DeliveryStatus.Sent, created.AddDays(1)));
                    }

                    var answered = lesson.DeliveredAt.Value.AddMinutes(random.Next(1, 48 * 60));
                    if (random.NextDouble() < 0.7 && answered < Now)
                    {
                        db.QuizResponses.Add(new QuizResponse { LearnerId = learner.Id, LessonId = lesson.Id, Correct = random.NextDouble() < 0.65, AnswerGiven = 0, CreatedAt = answered });
                    }
                }
            }
        }

        // A row from a wrong clock, two days ahead: counted by a range that reaches it, as the raw queries count it.
        var ahead = db.LearningPaths.Local.First();
        var future = NewLesson(ahead.LearnerId, ahead, Now.AddDays(2), random);
        future.DeliveredAt = Now.AddDays(2).AddMinutes(3);
        db.Lessons.Add(future);
        db.LessonDeliveries.Add(NewDelivery(future, DeliveryChannel.Email, 0, DeliveryStatus.Sent, Now.AddDays(2)));
        db.QuizResponses.Add(new QuizResponse { LearnerId = ahead.LearnerId, LessonId = future.Id, Correct = true, AnswerGiven = 0, CreatedAt = Now.AddDays(2).AddHours(1) });
        await db.SaveChangesAsync();
        return lessonIds;
    }

    private static Lesson NewLesson(Guid learnerId, LearningPath path, DateTimeOffset created, Random random) => new()
    {
        LearnerId = learnerId, LearningPathId = path.Id, Topic = path.Topic, Content = "c", Scenario = "s", QuizQuestion = $"Q{random.Next(1000)}?",
        QuizOptions = ["a", "b", "c"], Explanation = "e", GeneratorName = "test", GeneratorVersion = "1", CreatedAt = created,
        Model = random.NextDouble() < 0.5 ? null : random.NextDouble() < 0.5 ? "gpt-4o-mini" : "claude-haiku",
        InputTokens = random.Next(2000), OutputTokens = random.Next(600), EstimatedCostUsd = random.NextDouble() < 0.2 ? null : random.Next(1, 5000) / 1_000_000m,
    };

    private static LessonDelivery NewDelivery(Lesson lesson, DeliveryChannel channel, int sequence, DeliveryStatus status, DateTimeOffset at) => new()
    {
        LessonId = lesson.Id, LearnerId = lesson.LearnerId, Channel = channel, Sequence = sequence, IdempotencyKey = LessonDelivery.KeyFor(lesson.Id, channel, sequence),
        Status = status, CreatedAt = at, UpdatedAt = at, SentAt = status == DeliveryStatus.Sent ? at : null,
    };
}
