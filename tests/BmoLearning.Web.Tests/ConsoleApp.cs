using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace BmoLearning.Web.Tests;

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleApp>
{
    public const string Name = "console";
}

/// <summary>
/// The real `bmo serve` (every role) on Kestrel on a loopback port, on a fresh embedded data directory (SQLite,
/// local files, local jobs), with learners, lessons, deliveries and answers written in the last days.
/// </summary>
public class ConsoleApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "console-test-admin-key-0123456789";
    public const string IntegrationKey = "console-test-integration-key-0123456789";
    /// <summary>A manager of the Branch team (learner 2 only) who signs in with their own key.</summary>
    public const string ManagerKey = "console-test-manager-key-0123456789";
    public const string ManagerTeam = "Branch";
    public const string OtherTeam = "Cards";
    /// <summary>A topic that a spreadsheet would run as a formula if an export did not neutralise it.</summary>
    public const string FormulaTopic = "=HYPERLINK(\"http://example.invalid\",\"x\")";

    public ConsoleApp()
    {
        DataDir = Path.Combine(Path.GetTempPath(), $"bmo-console-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDir);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        UseKestrel();
    }

    public string DataDir { get; }

    /// <summary>A loopback port nothing listens on right now.</summary>
    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string BaseUrl { get; }

    public HttpClient Api(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        if (PostgresDatabase is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("BMO_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{PostgresDatabase}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await BeforeStartAsync();
        StartServer();
        using var client = Api(null);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await client.GetAsync("/api/v1/health")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The console host did not become ready.");
            }

            await Task.Delay(250);
        }

        await SeedActivityAsync();
    }

    /// <summary>A session cookie for a signed-in user of any role, issued by the app's own cookie scheme and session store.</summary>
    public async Task<string> SessionCookieAsync(string role, params string[] teams)
    {
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(ConsoleAuth.Scheme);
        var ticket = new AuthenticationTicket(ConsoleAuth.Principal($"test {role}", role, "test", teams), new AuthenticationProperties(), ConsoleAuth.Scheme);
        var sessionId = await options.SessionStore!.StoreAsync(ticket);
        // What the cookie handler itself writes when it has a session store: a protected ticket naming the session.
        var idTicket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", sessionId)], options.ClaimsIssuer)),
            null, ConsoleAuth.Scheme);
        return $"{ConsoleAuth.CookieName}={options.TicketDataFormat.Protect(idTicket)}";
    }

    /// <summary>BMO_TEST_PROVIDER=postgres with BMO_TEST_POSTGRES (scripts/services.sh): a fresh database on that server, dropped at the end.</summary>
    public string? PostgresDatabase { get; } = Environment.GetEnvironmentVariable("BMO_TEST_PROVIDER") == "postgres"
        && Environment.GetEnvironmentVariable("BMO_TEST_POSTGRES") is { Length: > 0 }
        ? $"bmo_console_{Guid.NewGuid():N}"[..24]
        : null;

    /// <summary>Settings a derived app adds (e.g. single sign-on).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    /// <summary>Runs before the server starts (e.g. a provider the app must reach).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        if (PostgresDatabase is not null)
        {
            var server = Environment.GetEnvironmentVariable("BMO_TEST_POSTGRES")!;
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("Database:ConnectionString", new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = PostgresDatabase }.ConnectionString);
            builder.UseSetting("Bmo:AutoMigrate", "true");
            builder.UseSetting("Delivery:LinkSigningKey", "console-test-link-signing-key-0123456789");
        }

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = BaseUrl,
            ["Bmo:DataDir"] = DataDir,
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:IntegrationKeys:0"] = IntegrationKey,
            ["Console:Users:0:Name"] = "Branch lead",
            ["Console:Users:0:Key"] = ManagerKey,
            ["Console:Users:0:Role"] = "manager",
            ["Console:Users:0:Teams:0"] = ManagerTeam,
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            // The real clock: without this, lessons asked for in the evening would wait for the end of quiet hours.
            ["Delivery:QuietHoursStart"] = "00:00",
            ["Delivery:QuietHoursEnd"] = "00:00",
        })
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Runs after the server stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        await AfterStopAsync();
        if (PostgresDatabase is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("BMO_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a job thread; the OS cleans the temp directory.
        }
    }

    /// <summary>
    /// Three learners on two courses over the last days: lessons delivered on two channels, one failed delivery,
    /// answers right and wrong, one completed path, AI cost on two days. Written directly so the expected
    /// numbers are known exactly.
    /// </summary>
    private async Task SeedActivityAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var learners = Enumerable.Range(1, 3).Select(i => new Learner { Email = $"learner{i}@example.com", Name = $"Learner {i}", CreatedAt = now.AddDays(-40), UpdatedAt = now }).ToList();
        // Learners 1 and 3 are in Cards, learner 2 in Branch (the manager's team).
        learners[0].Team = OtherTeam;
        learners[1].Team = ManagerTeam;
        learners[2].Team = OtherTeam;
        db.Learners.AddRange(learners);
        var cards = learners.Select(l => new LearningPath { LearnerId = l.Id, Topic = "Business cards", TopicKey = LearningPath.KeyFor("Business cards"), CreatedAt = now.AddDays(-20), UpdatedAt = now }).ToList();
        cards[0].Status = PathStatus.Completed;
        cards[0].CompletedAt = now.AddDays(-1);
        var formula = new LearningPath { LearnerId = learners[0].Id, Topic = FormulaTopic, TopicKey = LearningPath.KeyFor(FormulaTopic), CreatedAt = now.AddDays(-3), UpdatedAt = now };
        db.LearningPaths.AddRange([.. cards, formula]);

        // (learner, path, days ago delivered, channel, delivered?, answer: null | correct | wrong, cost)
        var plan = new (int Learner, LearningPath Path, int DaysAgo, DeliveryChannel Channel, bool Delivered, bool? Correct, decimal Cost)[]
        {
            (0, cards[0], 1, DeliveryChannel.Email, true, true, 0.0012m),
            (0, cards[0], 10, DeliveryChannel.Email, true, false, 0.0010m),
            (1, cards[1], 2, DeliveryChannel.Slack, true, true, 0m),
            (1, cards[1], 3, DeliveryChannel.Slack, true, null, 0m),
            (2, cards[2], 4, DeliveryChannel.Sms, false, null, 0m),
            (0, formula, 2, DeliveryChannel.Web, true, false, 0.0005m),
        };
        foreach (var p in plan)
        {
            var at = now.AddDays(-p.DaysAgo);
            var lesson = new Lesson
            {
                LearningPathId = p.Path.Id, LearnerId = learners[p.Learner].Id, Topic = p.Path.Topic, Content = "Content", Scenario = "Scenario",
                QuizQuestion = $"Question on {p.Path.Topic} {p.DaysAgo}?", QuizOptions = ["A", "B", "C", "D"], CorrectAnswer = 0, Explanation = "Because.",
                GeneratorName = "test", GeneratorVersion = "1", Model = p.Cost > 0 ? "test-model" : null, InputTokens = p.Cost > 0 ? 1000 : 0,
                OutputTokens = p.Cost > 0 ? 300 : 0, EstimatedCostUsd = p.Cost > 0 ? p.Cost : null, CreatedAt = at.AddMinutes(-5),
                DeliveredAt = p.Delivered ? at : null, DeliveryChannel = p.Delivered ? p.Channel.ToString().ToLowerInvariant() : null,
            };
            db.Lessons.Add(lesson);
            db.LessonDeliveries.Add(new LessonDelivery
            {
                LessonId = lesson.Id, LearnerId = lesson.LearnerId, Channel = p.Channel, Sequence = 0, IdempotencyKey = LessonDelivery.KeyFor(lesson.Id, p.Channel, 0),
                Status = p.Delivered ? DeliveryStatus.Sent : DeliveryStatus.Failed, Error = p.Delivered ? null : "Twilio: unreachable number",
                Attempts = 1, CreatedAt = at.AddMinutes(-1), UpdatedAt = at, SentAt = p.Delivered ? at : null,
            });
            if (p.Correct is { } correct)
            {
                db.QuizResponses.Add(new QuizResponse
                {
                    LearnerId = lesson.LearnerId, LessonId = lesson.Id, AnswerGiven = correct ? 0 : 1, Correct = correct,
                    Channel = p.Channel.ToString().ToLowerInvariant(), CreatedAt = at.AddHours(1),
                });
            }
        }

        await db.SaveChangesAsync();
    }
}
