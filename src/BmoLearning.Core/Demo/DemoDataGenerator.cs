using System.Diagnostics;
using System.Globalization;
using System.Text;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Learners.Import;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Core.Demo;

/// <summary>What a demo-data run made, and how long it took.</summary>
public sealed record DemoDataSummary(int Learners, int Days, int Enrolled, int Lessons, int Deliveries, int Answers, TimeSpan Elapsed)
{
    public double AnswersPerSecond => Answers / Math.Max(0.001, Elapsed.TotalSeconds);
}

/// <summary>
/// Demo data for demonstrations and benchmarks (`bmo demo-data`), made only through the platform's own services:
/// learners through the CSV import, enrolment through <see cref="CourseService"/>, then day after day the delivery
/// scheduler, the lesson generation and delivery jobs, and answers through <see cref="QuizService"/>, while a
/// <see cref="DemoClock"/> moves over the days. Refuses a database with learners that are not demo learners.
/// </summary>
public sealed class DemoDataGenerator(IServiceProvider services, DemoClock clock, InlineJobQueue queue)
{
    /// <summary>Demo learners' email domain: how a later run (and the refusal) tells them from real learners.</summary>
    public const string Domain = "demo.bmo-learning.example";

    public static readonly IReadOnlyList<string> Teams = ["Branch", "Cards", "Commercial", "Contact centre", "Wealth"];
    private static readonly string[] TimeZones = ["America/Toronto", "America/Toronto", "America/Vancouver", "America/Chicago", "Europe/London"];
    private static readonly string[] FirstNames = ["Ada", "Bo", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemi", "Luis", "Mei", "Noor", "Omar", "Priya", "Quinn", "Ravi", "Sara", "Tomas"];
    private static readonly string[] LastNames = ["Okafor", "Silva", "Nguyen", "Tremblay", "Singh", "Roy", "Martin", "Li", "Cohen", "Haddad", "Kowalski", "Brown"];

    /// <summary>Null when the database may take demo data; otherwise why not (it has real learners).</summary>
    public async Task<string?> RefusalAsync(bool force, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var real = await db.Learners.CountAsync(l => !l.Email.EndsWith("@" + Domain), ct);
        if (real > 0 && !force)
        {
            return $"This database has {real} real learner(s) (emails not @{Domain}); demo data would mix with them and change their reports. Use a fresh database, or pass --force to add demo data anyway.";
        }

        if (!await db.Courses.AnyAsync(ct))
        {
            return "No course to enrol demo learners in: run `bmo seed` first (it loads the starter courses and documents).";
        }

        return null;
    }

    /// <summary>Runs <paramref name="days"/> simulated days ending now for <paramref name="learners"/> learners; progress is told after each day.</summary>
    public async Task<DemoDataSummary> RunAsync(int learners, int days, Action<int, DemoDataSummary>? progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(13);
        var end = clock.Now;
        var start = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);
        clock.Now = start.AddHours(6);
        var ids = await ImportLearnersAsync(learners, random, ct);
        var enrolled = await EnrolAsync(ids, ct);
        var skill = ids.ToDictionary(id => id, _ => 0.55 + (random.NextDouble() * 0.4));
        var diligence = ids.ToDictionary(id => id, _ => 0.6 + (random.NextDouble() * 0.38));
        var answers = 0;
        for (var day = 0; day < days; day++)
        {
            // The scheduler runs every hour, as the recurring job does; each learner's window opens at their local hour.
            for (var hour = 0; hour < 24; hour++)
            {
                clock.Now = start.AddDays(day).AddHours(hour).AddMinutes(5);
                if (clock.Now > end)
                {
                    break;
                }

                await using (var scope = services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(ct);
                }

                await DrainAsync(ct);
                clock.Now = clock.Now.AddMinutes(20);
                answers += await AnswerAsync(skill, diligence, random, ct);
                await DrainAsync(ct);
            }

            progress?.Invoke(day + 1, await SummaryAsync(learners, day + 1, enrolled, answers, stopwatch.Elapsed, ct));
        }

        clock.Now = end;
        await DrainAsync(ct);
        return await SummaryAsync(learners, days, enrolled, answers, stopwatch.Elapsed, ct);
    }

    /// <summary>Learners through the console's CSV import (10,000 rows a file), spread over the teams and time zones.</summary>
    private async Task<List<Guid>> ImportLearnersAsync(int count, Random random, CancellationToken ct)
    {
        var ids = new List<Guid>();
        for (var first = 0; first < count; first += LearnerCsvImport.MaxRows)
        {
            var csv = new StringBuilder("email,name,team,time_zone\n");
            for (var i = first; i < Math.Min(count, first + LearnerCsvImport.MaxRows); i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"learner{i + 1:D6}@{Domain},{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]},{Teams[i % Teams.Count]},{TimeZones[random.Next(TimeZones.Length)]}\n");
            }

            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<LearnerCsvImport>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), allowedTeams: null, ct);
            if (report.Refused || report.Count(LearnerImportOutcome.Rejected) > 0)
            {
                throw new InvalidOperationException($"The demo learners were refused: {report.Refusal ?? report.Rows.First(r => r.Errors.Count > 0).Errors[0].Reason}");
            }

            ids.AddRange(report.ImportedIds);
        }

        return ids;
    }

    private async Task<int> EnrolAsync(List<Guid> ids, CancellationToken ct)
    {
        Guid courseId;
        await using (var scope = services.CreateAsyncScope())
        {
            courseId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Courses.OrderBy(c => c.CreatedAt).Select(c => c.Id).FirstAsync(ct);
        }

        var enrolled = 0;
        foreach (var chunk in ids.Chunk(200))
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CourseService>().EnrolAsync(courseId, chunk, ct);
            enrolled += result.Value?.Count(r => r.Outcome == "enrolled") ?? 0;
        }

        await DrainAsync(ct);
        return enrolled;
    }

    /// <summary>Runs the jobs the services queued that are due on the demo clock (generation, then the deliveries it queues).</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        for (var due = queue.TakeDue(); due.Count > 0; due = queue.TakeDue())
        {
            foreach (var job in due)
            {
                await using var scope = services.CreateAsyncScope();
                var provider = scope.ServiceProvider;
                switch (job.Kind)
                {
                    case DemoJobKind.LessonGeneration:
                        await provider.GetRequiredService<LessonGenerationJob>().RunAsync(job.Id, ct);
                        break;
                    case DemoJobKind.Delivery:
                        await provider.GetRequiredService<DeliveryJob>().RunAsync(job.Id, job.Sequence, ct);
                        break;
                    case DemoJobKind.DocumentProcessing:
                        await provider.GetRequiredService<DocumentProcessingJob>().RunAsync(job.Id, ct);
                        break;
                }
            }
        }
    }

    /// <summary>Learners answer lessons delivered to them and not yet answered: most do, the stronger ones more often right.</summary>
    private async Task<int> AnswerAsync(Dictionary<Guid, double> skill, Dictionary<Guid, double> diligence, Random random, CancellationToken ct)
    {
        List<(Guid Id, Guid LearnerId, int Correct, int Options)> open;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var since = clock.Now.AddHours(-1);
            var delivered = await db.Lessons.AsNoTracking()
                .Where(l => l.DeliveredAt != null && l.DeliveredAt > since && !db.QuizResponses.Any(r => r.LessonId == l.Id))
                .Select(l => new { l.Id, l.LearnerId, l.CorrectAnswer, l.QuizOptions }).ToListAsync(ct);
            open = delivered.Select(l => (l.Id, l.LearnerId, l.CorrectAnswer, l.QuizOptions.Count)).ToList();
        }

        var answered = 0;
        foreach (var lesson in open)
        {
            if (!skill.TryGetValue(lesson.LearnerId, out var p) || random.NextDouble() > diligence[lesson.LearnerId])
            {
                continue;
            }

            var choice = random.NextDouble() < p ? lesson.Correct : (lesson.Correct + 1 + random.Next(Math.Max(1, lesson.Options - 1))) % lesson.Options;
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<QuizService>()
                .AnswerAsync(new QuizAnswer(lesson.LearnerId, lesson.Id, choice, 20 + random.Next(100), "web"), ct);
            answered += result.Status == Common.ServiceStatus.Ok ? 1 : 0;
        }

        return answered;
    }

    private async Task<DemoDataSummary> SummaryAsync(int learners, int days, int enrolled, int answers, TimeSpan elapsed, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new DemoDataSummary(learners, days, enrolled, await db.Lessons.CountAsync(ct), await db.LessonDeliveries.CountAsync(ct), answers, elapsed);
    }
}
