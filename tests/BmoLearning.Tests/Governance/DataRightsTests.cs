using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Governance.DataRights;
using BmoLearning.Core.Learners;
using BmoLearning.Host.Hosting;
using BmoLearning.Host.Redis;
using BmoLearning.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BmoLearning.Tests.Governance;

/// <summary>A learner's data rights (issue 14): export everything, erase the personal data everywhere, keep the totals.</summary>
public sealed class DataRightsTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task Export_holds_the_profile_and_every_row_keyed_by_the_learner()
    {
        var client = _factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync($"export-{Guid.NewGuid():N}@example.com", "Export Person");
        var id = (string)learner["id"]!;
        var lesson = await client.CreateReadyLessonAsync(id);
        var answered = await client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = id, lesson_id = (string)lesson["id"]!, answer_given = 0 });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);

        var response = await client.GetAsync($"/api/v1/learners/{id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.ReadObjectAsync();
        Assert.Equal((string)learner["email"]!, (string)export["profile"]!["email"]!);
        Assert.Equal("Export Person", (string)export["profile"]!["name"]!);
        Assert.Equal((string)lesson["id"]!, (string)Assert.Single(export["lessons"]!.AsArray())!["id"]!);
        Assert.Equal(0, (int)Assert.Single(export["answers"]!.AsArray())!["answer_given"]!);
        Assert.Single(export["learning_paths"]!.AsArray());
        Assert.Single(export["lesson_requests"]!.AsArray());
        foreach (var section in new[] { "enrolments", "reviews", "concept_memories", "deliveries" })
        {
            Assert.NotNull(export[section]?.AsArray());
        }
    }

    [Fact]
    public async Task Export_and_erasure_of_an_unknown_learner_are_404_and_need_the_admin_scope()
    {
        var admin = _factory.CreateAdminClient();
        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"/api/v1/learners/{unknown}/export")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/learners/{unknown}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var learner = await admin.CreateLearnerAsync();
        var integration = _factory.CreateIntegrationClient();
        await (await integration.GetAsync($"/api/v1/learners/{learner["id"]}/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await integration.DeleteAsync($"/api/v1/learners/{learner["id"]}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/learners/{learner["id"]}")).StatusCode);
    }

    [Fact]
    public async Task Erasure_leaves_no_email_phone_name_or_slack_id_in_any_table_the_job_store_or_the_files_and_keeps_the_totals()
    {
        var client = _factory.CreateAdminClient();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"erase-{unique}@example.com";
        var name = $"Erasable Person{unique}";
        var phone = $"+1416{Random.Shared.Next(1_000_000, 9_999_999)}";
        var slack = $"U{unique.ToUpperInvariant()}";
        Security.TestRunLogs.AddLearnerEmail(email);
        var created = await client.PostAsJsonAsync("/api/v1/learners", new { email, name, phone, slack_user_id = slack });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        var lesson = await client.CreateReadyLessonAsync(id);
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = id, lesson_id = (string)lesson["id"]!, answer_given = 1 })).StatusCode);
        await PlantCopiesAsync(Guid.Parse(id), Guid.Parse((string)lesson["id"]!), email, name, phone, slack);
        var identifiers = new[] { email, name, phone, slack };
        Assert.NotEmpty(await FindAsync(identifiers)); // the scan below can see what it looks for
        var dashboardBefore = await client.GetStringAsync("/api/v1/analytics/dashboard");

        var erased = await client.DeleteAsync($"/api/v1/learners/{id}");

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Empty(await FindAsync(identifiers));
        if (!TestEnvironment.UsesPostgres)
        {
            Assert.Empty(RawFileHits(identifiers));
        }

        Assert.Equal(dashboardBefore, await client.GetStringAsync("/api/v1/analytics/dashboard"));
        await (await client.DeleteAsync($"/api/v1/learners/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/learners/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/learners/{id}/export")).AssertProblemAsync(HttpStatusCode.NotFound);
        await using var scope = _factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "EraseLearner").ToListAsync();
        Assert.Equal(id, Assert.Single(audit).SubjectId);
        Assert.DoesNotContain(unique, audit[0].Data, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Retention_clears_old_delivery_payloads_and_keeps_recent_ones_and_outcomes()
    {
        var client = _factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();
        var lesson = await client.CreateReadyLessonAsync((string)learner["id"]!);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var days = scope.ServiceProvider.GetRequiredService<IOptions<RetentionOptions>>().Value.PayloadDays;
        LessonDelivery Delivery(int sequence, DateTimeOffset at) => new()
        {
            LessonId = Guid.Parse((string)lesson["id"]!), LearnerId = Guid.Parse((string)learner["id"]!), Channel = DeliveryChannel.Slack,
            Sequence = 10 + sequence, IdempotencyKey = $"retention-{Guid.NewGuid():N}", Status = DeliveryStatus.Failed, Attempts = 3,
            Error = "channel_not_found for D0PAYLOAD", ProviderMessageId = "1700000000.000100", ProviderChannelId = "D0PAYLOAD",
            CreatedAt = at, UpdatedAt = at,
        };
        var old = Delivery(0, now.AddDays(-days - 1));
        var recent = Delivery(1, now.AddDays(-days + 1));
        db.LessonDeliveries.AddRange(old, recent);
        await db.SaveChangesAsync();

        var cleared = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        var again = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        Assert.Equal(1, cleared);
        Assert.Equal(0, again);
        db.ChangeTracker.Clear();
        var oldNow = await db.LessonDeliveries.AsNoTracking().SingleAsync(d => d.Id == old.Id);
        Assert.Null(oldNow.Error);
        Assert.Null(oldNow.ProviderChannelId);
        Assert.Null(oldNow.ProviderMessageId);
        Assert.Equal((DeliveryStatus.Failed, 3), (oldNow.Status, oldNow.Attempts));
        var recentNow = await db.LessonDeliveries.AsNoTracking().SingleAsync(d => d.Id == recent.Id);
        Assert.Equal("D0PAYLOAD", recentNow.ProviderChannelId);
    }

    /// <summary>Where copies end up in real life: a failed send's error text and provider ids, and a failed job's exception.</summary>
    private async Task PlantCopiesAsync(Guid learnerId, Guid lessonId, string email, string name, string phone, string slack)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.LessonDeliveries.Add(new LessonDelivery
        {
            LessonId = lessonId, LearnerId = learnerId, Channel = DeliveryChannel.Email, Sequence = 7,
            IdempotencyKey = LessonDelivery.KeyFor(lessonId, DeliveryChannel.Email, 7), Status = DeliveryStatus.Failed, Attempts = 1,
            Error = $"550 5.1.1 <{email}> ({name}): mailbox unavailable; SMS {phone} refused", ProviderChannelId = $"D{slack}",
            CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        // Written straight to the store: through the client, the retry filter would run (and log) the failed job.
        using var connection = scope.ServiceProvider.GetRequiredService<JobStorage>().GetConnection();
        var jobId = connection.CreateExpiredJob(Job.FromExpression<DeliveryJob>(j => j.RunAsync(lessonId, 7, CancellationToken.None)),
            new Dictionary<string, string>(), DateTime.UtcNow, TimeSpan.FromHours(1));
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetJobState(jobId, new FailedState(new InvalidOperationException($"Slack {slack} / SMTP {email} / {name} / {phone}")));
        transaction.Commit();
    }

    /// <summary>Every table of the database (and of the job store: jobs.db, the hangfire schema or the Redis keys) holding any value.</summary>
    private async Task<List<string>> FindAsync(IReadOnlyCollection<string> values)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hits = new List<string>();
        if (TestEnvironment.UsesPostgres)
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = await ReadAsync(connection, "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'");
            foreach (var table in tables)
            {
                var quoted = string.Join('.', table.Split('.').Select(p => $"\"{p}\""));
                foreach (var value in values)
                {
                    // A row cast to text holds every column.
                    var found = await ReadAsync(connection, $"SELECT count(*)::text FROM {quoted} t WHERE strpos(lower(t::text), lower(@v)) > 0", value);
                    if (found[0] != "0")
                    {
                        hits.Add($"{table}: {value}");
                    }
                }
            }
        }
        else
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            hits.AddRange(await SqliteHitsAsync(connection, "main", values));
            await using var jobsDb = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_factory.DataDir, "jobs.db")};Pooling=False");
            await jobsDb.OpenAsync();
            hits.AddRange(await SqliteHitsAsync(jobsDb, "jobs", values));
        }

        if (scope.ServiceProvider.GetRequiredService<SelectedJobStorage>().Kind == JobStorageKind.Redis)
        {
            hits.AddRange(await RedisHitsAsync(scope.ServiceProvider, values));
        }

        return hits;
    }

    private static async Task<List<string>> SqliteHitsAsync(DbConnection connection, string label, IReadOnlyCollection<string> values)
    {
        var hits = new List<string>();
        var columns = await ReadAsync(connection, "SELECT m.name || '|' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'");
        foreach (var column in columns)
        {
            var (table, name) = (column.Split('|')[0], column.Split('|')[1]);
            foreach (var value in values)
            {
                var found = await ReadAsync(connection, $"SELECT count(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{name}\" AS TEXT)), lower(@v)) > 0", value);
                if (found[0] != "0")
                {
                    hits.Add($"{label}.{table}.{name}: {value}");
                }
            }
        }

        return hits;
    }

    private static async Task<List<string>> RedisHitsAsync(IServiceProvider services, IReadOnlyCollection<string> values)
    {
        var multiplexer = services.GetRequiredService<RedisConnection>().Multiplexer;
        var prefix = services.GetRequiredService<IOptions<JobsOptions>>().Value.RedisPrefix;
        var redis = multiplexer.GetDatabase();
        var hits = new List<string>();
        var server = multiplexer.GetServer(multiplexer.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            var dump = await redis.KeyTypeAsync(key) switch
            {
                RedisType.String => (string?)await redis.StringGetAsync(key),
                RedisType.Hash => string.Join('\n', (await redis.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.List => string.Join('\n', await redis.ListRangeAsync(key)),
                RedisType.Set => string.Join('\n', await redis.SetMembersAsync(key)),
                RedisType.SortedSet => string.Join('\n', await redis.SortedSetRangeByRankAsync(key)),
                _ => null,
            };
            hits.AddRange(values.Where(v => dump?.Contains(v, StringComparison.OrdinalIgnoreCase) == true).Select(v => $"redis {key}: {v}"));
        }

        return hits;
    }

    /// <summary>The bytes of every SQLite file (database, write-ahead log, journal), free pages included.</summary>
    private List<string> RawFileHits(IReadOnlyCollection<string> values)
    {
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_factory.DataDir, "*.db*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            hits.AddRange(values.Where(v => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(v)) >= 0).Select(v => $"{Path.GetFileName(file)}: {v}"));
        }

        return hits;
    }

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql, string? value = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "v";
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    public void Dispose() => _factory.Dispose();
}
