using System.Diagnostics;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Demo;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Bench;

/// <summary>
/// The bench's bulk path to analytics scale (`bmo demo-data` makes about 10 answers a second through lesson generation,
/// so a million answers would take more than a day). A small `bmo demo-data` run made through the services comes first;
/// this then writes further demo learners with rows shaped like that run's: their learning paths on the same topics,
/// lessons cloned from its generated lessons (same content, model, tokens and cost), a first-attempt delivery per lesson
/// (a few failing and falling back to web), and answers from most learners, the stronger more often right. Rows are
/// written with EF, not through the services: the figures measure reading, not how the rows were made.
/// </summary>
internal static class BulkDemoData
{
    private static readonly DeliveryChannel[] Channels = [DeliveryChannel.Web, DeliveryChannel.Web, DeliveryChannel.Email, DeliveryChannel.Slack, DeliveryChannel.Sms];

    public static async Task<(int Lessons, int Answers)> LoadAsync(Dictionary<string, string?> settings, int learners, int days, Action<string> log)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var templates = (await db.Lessons.AsNoTracking().Where(l => l.ReviewOfLessonId == null).ToListAsync()).GroupBy(l => l.Topic).ToDictionary(g => g.Key, g => g.ToList());
        var topics = await db.LearningPaths.AsNoTracking().GroupBy(p => new { p.Topic, p.TopicKey }).Select(g => new { g.Key.Topic, g.Key.TopicKey, Total = g.Max(p => p.TotalLessons) }).ToListAsync();
        topics = topics.Where(t => templates.ContainsKey(t.Topic)).ToList();
        var existing = await db.Learners.CountAsync();
        if (topics.Count == 0)
        {
            throw new InvalidOperationException("The services' demo-data run made no lessons to clone.");
        }

        var random = new Random(13);
        var end = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);
        var people = new List<(Learner Learner, DeliveryChannel Channel, double Skill, double Diligence, LearningPath[] Paths, int[] Correct)>();
        for (var i = existing; i < learners; i++)
        {
            var learner = new Learner
            {
                Email = $"learner{i + 1:D6}@{DemoDataGenerator.Domain}", Name = $"Bulk Learner {i + 1}", Team = DemoDataGenerator.Teams[i % DemoDataGenerator.Teams.Count],
                TimeZone = "America/Toronto", CreatedAt = start, UpdatedAt = start,
            };
            var paths = topics.Select(t => new LearningPath { LearnerId = learner.Id, Topic = t.Topic, TopicKey = t.TopicKey, TotalLessons = t.Total, CreatedAt = start.AddHours(6), UpdatedAt = start.AddHours(6) }).ToArray();
            people.Add((learner, Channels[random.Next(Channels.Length)], 0.55 + (random.NextDouble() * 0.4), 0.6 + (random.NextDouble() * 0.38), paths, new int[paths.Length]));
            db.Learners.Add(learner);
            db.LearningPaths.AddRange(paths);
        }

        await SaveAsync(db);
        var lessons = 0;
        var answers = 0;
        var clock = Stopwatch.StartNew();
        for (var day = 0; day < days; day++)
        {
            foreach (var person in people)
            {
                // About 1.35 lessons a day (the day's lesson, and sometimes a second topic's) as the scheduler sends them.
                var count = 1 + (random.NextDouble() < 0.35 ? 1 : 0);
                for (var n = 0; n < count; n++)
                {
                    var index = random.Next(person.Paths.Length);
                    var path = person.Paths[index];
                    var created = start.AddDays(day).AddHours(8 + random.Next(12)).AddMinutes(random.Next(60));
                    if (created > end)
                    {
                        continue;
                    }

                    var lesson = Clone(templates[path.Topic][random.Next(templates[path.Topic].Count)], person.Learner.Id, path.Id, created);
                    db.Lessons.Add(lesson);
                    lessons++;
                    var failed = person.Channel != DeliveryChannel.Web && random.NextDouble() < 0.04;
                    db.LessonDeliveries.Add(Delivery(lesson, person.Channel, failed ? DeliveryStatus.Failed : DeliveryStatus.Sent, created.AddMinutes(1)));
                    var channel = person.Channel;
                    if (failed)
                    {
                        db.LessonDeliveries.Add(Delivery(lesson, DeliveryChannel.Web, DeliveryStatus.Sent, created.AddMinutes(3)));
                        channel = DeliveryChannel.Web;
                    }

                    lesson.DeliveredAt = created.AddMinutes(failed ? 3 : 1);
                    lesson.DeliveryChannel = channel.ToString().ToLowerInvariant();
                    var answeredAt = lesson.DeliveredAt.Value.AddMinutes(5 + random.Next(600));
                    if (random.NextDouble() > person.Diligence || answeredAt > end)
                    {
                        continue;
                    }

                    var correct = random.NextDouble() < person.Skill;
                    var options = Math.Max(2, lesson.QuizOptions.Count);
                    db.QuizResponses.Add(new QuizResponse
                    {
                        LearnerId = person.Learner.Id, LessonId = lesson.Id, Correct = correct, Channel = lesson.DeliveryChannel,
                        AnswerGiven = correct ? lesson.CorrectAnswer : (lesson.CorrectAnswer + 1) % options, TimeTakenSeconds = 20 + random.Next(100), CreatedAt = answeredAt,
                    });
                    answers++;
                    if (correct && ++person.Correct[index] == path.TotalLessons)
                    {
                        path.Status = PathStatus.Completed;
                        path.CompletedAt = answeredAt;
                        path.LessonsCompleted = path.TotalLessons;
                        db.LearningPaths.Update(path);
                    }
                }
            }

            await SaveAsync(db);
            if ((day + 1) % 10 == 0 || day + 1 == days)
            {
                log($"bulk day {day + 1}/{days}: {lessons:N0} lessons, {answers:N0} answers ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        return (lessons, answers);
    }

    private static async Task SaveAsync(AppDbContext db)
    {
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static Lesson Clone(Lesson t, Guid learnerId, Guid pathId, DateTimeOffset created) => new()
    {
        LearningPathId = pathId, LearnerId = learnerId, Topic = t.Topic, Difficulty = t.Difficulty, Content = t.Content, KeyPoints = t.KeyPoints,
        Scenario = t.Scenario, QuizQuestion = t.QuizQuestion, QuizOptions = t.QuizOptions, CorrectAnswer = t.CorrectAnswer, Explanation = t.Explanation,
        Sources = t.Sources, GeneratorName = t.GeneratorName, GeneratorVersion = t.GeneratorVersion, Model = t.Model, InputTokens = t.InputTokens,
        OutputTokens = t.OutputTokens, EstimatedCostUsd = t.EstimatedCostUsd, CreatedAt = created,
    };

    private static LessonDelivery Delivery(Lesson lesson, DeliveryChannel channel, DeliveryStatus status, DateTimeOffset at) => new()
    {
        LessonId = lesson.Id, LearnerId = lesson.LearnerId, Channel = channel, Sequence = 0, IdempotencyKey = LessonDelivery.KeyFor(lesson.Id, channel, 0),
        Status = status, Attempts = 1, Error = status == DeliveryStatus.Failed ? "bench: provider refused" : null, CreatedAt = at, UpdatedAt = at,
        SentAt = status == DeliveryStatus.Sent ? at : null,
    };
}
