using System.Diagnostics;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Host.Hosting;
using BmoLearning.Learning.Fsrs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BmoLearning.Bench;

/// <summary>
/// Issue 12 scale: N learners x M concepts of FSRS memory state, due dates spread over the next 60 days (and a
/// day of backlog); each scheduler tick asks which learners have reviews due now (<see cref="ReviewScheduler.LearnersWithDueReviewsAsync"/>,
/// on the due-date index). Ticks every 30 simulated minutes over two days; p50/p95 per tick on SQLite and PostgreSQL.
/// Baseline in the same run: the same question without the index (a full scan of the table), on the same data.
/// </summary>
internal static class DueReviewsBench
{
    public static async Task RunAsync(int learners, int concepts, Servers? servers, bool skipSqlite = false)
    {
        Console.WriteLine();
        Console.WriteLine($"## Due reviews at scale ({learners:N0} learners x {concepts} concepts = {(long)learners * concepts:N0} memory states)");
        Console.WriteLine();
        Console.WriteLine("| database | load s | learners due per tick (mean) | tick p50 ms | tick p95 ms | without the due index p95 ms (baseline) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        if (!skipSqlite)
        {
            await RunOneAsync("SQLite", new Dictionary<string, string?> { ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-due").FullName }, learners, concepts);
        }

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
        try
        {
            await MeasureAsync(name, settings, learners, concepts);
        }
        finally
        {
            Directory.Delete(settings["Bmo:DataDir"]!, recursive: true); // gigabytes at full scale
        }
    }

    private static async Task MeasureAsync(string name, Dictionary<string, string?> settings, int learners, int concepts)
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
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20)); // index builds over millions of rows on a busy machine
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var batch = 0; batch < learners; batch += 10_000)
        {
            for (var i = batch; i < Math.Min(learners, batch + 10_000); i++)
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

        // Every (learner, concept) pair, due between a day before the start and 60 days after it. The secondary indexes
        // are dropped for the load and built once afterwards from their own definitions (one sort, not 5M inserts each).
        var from = start.AddDays(-1);
        const long spreadSeconds = 61L * 86_400;
        var random = new Random(12);
        DateTimeOffset NextDue() => from.AddSeconds(random.NextInt64(spreadSeconds));
        var indexes = await SecondaryIndexesAsync(db);
        foreach (var (name, _) in indexes)
        {
            var drop = "DROP INDEX " + name; // a name read from the catalogue
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        if (db.Database.IsNpgsql())
        {
            await CopyPostgresAsync(db, from, NextDue);
        }
        else
        {
            await InsertSqliteAsync(db, from, NextDue);
        }

        foreach (var (_, definition) in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(definition);
        }

        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "ANALYZE concept_memories" : "ANALYZE");
    }

    /// <summary>The table's indexes other than the primary key, with the statements that create them.</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(AppDbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'concept_memories' AND indexname NOT IN (SELECT conname FROM pg_constraint)"
            : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'concept_memories' AND sql IS NOT NULL";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var result = new List<(string, string)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add((reader.GetString(0), reader.GetString(1)));
            }

            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>PostgreSQL: one binary COPY of all memory states.</summary>
    private static async Task CopyPostgresAsync(AppDbContext db, DateTimeOffset from, Func<DateTimeOffset> nextDue)
    {
        var learnerIds = await db.Learners.AsNoTracking().OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        var conceptIds = await db.Concepts.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY concept_memories (learner_id, concept_id, phase, stability, difficulty, last_review, due, scheduled_days, step, reps, lapses) FROM STDIN (FORMAT BINARY)");
            importer.Timeout = TimeSpan.FromMinutes(20); // the server checks constraints of millions of rows at completion
            foreach (var learnerId in learnerIds)
            {
                foreach (var conceptId in conceptIds)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(learnerId, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(conceptId, NpgsqlDbType.Uuid);
                    await importer.WriteAsync(nameof(ReviewPhase.Review), NpgsqlDbType.Varchar);
                    await importer.WriteAsync(5.0, NpgsqlDbType.Double);
                    await importer.WriteAsync(5.0, NpgsqlDbType.Double);
                    await importer.WriteAsync(from, NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(nextDue(), NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(5, NpgsqlDbType.Integer);
                    await importer.WriteAsync(0, NpgsqlDbType.Integer);
                    await importer.WriteAsync(3, NpgsqlDbType.Integer);
                    await importer.WriteAsync(0, NpgsqlDbType.Integer);
                }
            }

            await importer.CompleteAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// SQLite: one transaction, one prepared command reused for every row, and no journal or fsync during the load
    /// (a bench database: a crash mid-load loses nothing worth keeping); both settings are restored afterwards.
    /// </summary>
    private static async Task InsertSqliteAsync(AppDbContext db, DateTimeOffset from, Func<DateTimeOffset> nextDue)
    {
        var toBinary = new DateTimeOffsetToBinaryConverter();
        long Binary(DateTimeOffset value) => (long)toBinary.ConvertToProvider(value)!;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // Ids as SQLite stores them (EF's text form), read back rather than formatted here.
            var learnerIds = await ColumnAsync(connection, "SELECT id FROM learners ORDER BY id");
            var conceptIds = await ColumnAsync(connection, "SELECT id FROM concepts ORDER BY id");
            var journal = (string)(await ScalarAsync(connection, "PRAGMA journal_mode"))!;
            var synchronous = (long)(await ScalarAsync(connection, "PRAGMA synchronous"))!;
            await ScalarAsync(connection, "PRAGMA journal_mode = OFF");
            await ScalarAsync(connection, "PRAGMA synchronous = OFF");
            try
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO concept_memories (learner_id, concept_id, phase, stability, difficulty, last_review, due, scheduled_days, step, reps, lapses)
                    VALUES ($learner, $concept, 'Review', 5, 5, $last, $due, 5, 0, 3, 0)
                    """;
                var learner = insert.Parameters.Add("$learner", SqliteType.Text);
                var concept = insert.Parameters.Add("$concept", SqliteType.Text);
                insert.Parameters.AddWithValue("$last", Binary(from));
                var due = insert.Parameters.Add("$due", SqliteType.Integer);
                insert.Prepare();
                foreach (var learnerId in learnerIds)
                {
                    learner.Value = learnerId;
                    foreach (var conceptId in conceptIds)
                    {
                        concept.Value = conceptId;
                        due.Value = Binary(nextDue());
                        await insert.ExecuteNonQueryAsync();
                    }
                }

                await transaction.CommitAsync();
            }
            finally
            {
                await ScalarAsync(connection, $"PRAGMA journal_mode = {journal}"); // values read from SQLite itself
                await ScalarAsync(connection, $"PRAGMA synchronous = {synchronous}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
