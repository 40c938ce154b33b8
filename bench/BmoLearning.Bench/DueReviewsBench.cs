using System.Diagnostics;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Bench;

/// <summary>
/// Issue 12 scale: N learners x M concepts of FSRS memory state, due dates spread over the next 60 days (and a
/// day of backlog); each scheduler tick asks which learners have reviews due now (<see cref="ReviewScheduler.LearnersWithDueReviewsAsync"/>,
/// on the due-date index). Ticks every 30 simulated minutes over two days; p50/p95 per tick on SQLite and PostgreSQL.
/// Baseline in the same run: the same question without the index (a full scan of the table), on the same data.
/// </summary>
internal static class DueReviewsBench
{
    public static async Task RunAsync(int learners, int concepts, Servers? servers)
    {
        Console.WriteLine();
        Console.WriteLine($"## Due reviews at scale ({learners:N0} learners x {concepts} concepts = {(long)learners * concepts:N0} memory states)");
        Console.WriteLine();
        Console.WriteLine("| database | load s | learners due per tick (mean) | tick p50 ms | tick p95 ms | without the due index p95 ms (baseline) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await RunOneAsync("SQLite", new Dictionary<string, string?> { ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-due").FullName }, learners, concepts);
        if (servers is null)
        {
            Console.WriteLine("| PostgreSQL | (skipped: pass --postgres or set BMO_TEST_POSTGRES) | | | | |");
            return;
        }

        var database = servers.CreateDatabase("bmo_bench_due");
        try
        {
            await RunOneAsync("PostgreSQL", new Dictionary<string, string?>
            {
                ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-due").FullName,
                ["Database:Url"] = servers.DatabaseUrl(database),
            }, learners, concepts);
        }
        finally
        {
            servers.DropDatabase(database);
        }
    }

    private static async Task RunOneAsync(string name, Dictionary<string, string?> settings, int learners, int concepts)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        using var host = builder.Build();
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var load = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            await LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), learners, concepts, start);
        }

        var loadSeconds = load.Elapsed.TotalSeconds;
        var (p50, p95, meanDue) = await TicksAsync(host.Services, start, indexed: true);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(
                "DROP INDEX ix_concept_memories_due; DROP INDEX ix_concept_memories_learner_id_due;");
        }

        var (_, baseline95, _) = await TicksAsync(host.Services, start, indexed: false);
        Console.WriteLine($"| {name} | {loadSeconds:0} | {meanDue:N0} | {p50:0.0} | {p95:0.0} | {baseline95:0.0} |");
    }

    private static async Task<(double P50, double P95, double MeanDue)> TicksAsync(IServiceProvider services, DateTimeOffset start, bool indexed)
    {
        var times = new List<double>();
        var due = new List<int>();
        // Two simulated days at 30-minute ticks (fewer without the index: a scan per tick is slow by design).
        var ticks = indexed ? 96 : 12;
        for (var i = 0; i < ticks; i++)
        {
            var now = start.AddMinutes(30 * i);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clock = Stopwatch.StartNew();
            var learners = await ReviewScheduler.LearnersWithDueReviewsAsync(db, now, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
            due.Add(learners.Count);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(0.95 * times.Count) - 1], due.Average());
    }

    private static async Task LoadAsync(AppDbContext db, int learners, int concepts, DateTimeOffset start)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var batch = 0; batch < learners; batch += 5_000)
        {
            for (var i = batch; i < Math.Min(learners, batch + 5_000); i++)
            {
                db.Learners.Add(new Learner { Email = $"bench-{i}@example.com", Name = $"Bench {i}", CreatedAt = start, UpdatedAt = start });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        for (var c = 0; c < concepts; c++)
        {
            db.Concepts.Add(new Concept { ContentHash = $"{c:x64}", Label = $"concept {c}", CreatedAt = start });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Every (learner, concept) pair, due between a day before the start and 60 days after it, in one statement.
        var from = start.AddDays(-1);
        const long spreadSeconds = 61L * 86_400;
        if (db.Database.IsNpgsql())
        {
            var insert = $$"""
                INSERT INTO concept_memories (learner_id, concept_id, phase, stability, difficulty, last_review, due, scheduled_days, step, reps, lapses)
                SELECT l.id, c.id, 'Review', 5, 5, {0}, {0} + make_interval(secs => floor(random() * {{spreadSeconds}})), 5, 0, 3, 0
                FROM learners l CROSS JOIN concepts c
                """;
            await db.Database.ExecuteSqlRawAsync(insert, from); // numbers only, formatted here
        }
        else
        {
            // SQLite stores DateTimeOffset as EF's binary form: UTC ticks / 1000 shifted left 11 bits (offset 0 in the low bits).
            var fromBinary = (from.UtcTicks / 1000) << 11;
            var spreadBinary = (spreadSeconds * (TimeSpan.TicksPerSecond / 1000)) << 11;
            var insert = $"""
                INSERT INTO concept_memories (learner_id, concept_id, phase, stability, difficulty, last_review, due, scheduled_days, step, reps, lapses)
                SELECT l.id, c.id, 'Review', 5, 5, {fromBinary}, {fromBinary} + ((abs(random()) % {spreadBinary >> 11}) << 11), 5, 0, 3, 0
                FROM learners l CROSS JOIN concepts c
                """;
            await db.Database.ExecuteSqlRawAsync(insert); // numbers only, formatted here
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE concept_memories");
        }
    }
}
