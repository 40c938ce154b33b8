using System.Net;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using BmoLearning.Host.Errors;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Security;

/// <summary>Secrets stay out of logs (admin key, lesson tokens, emails) and data files are the owner's only.</summary>
public sealed class SecretsAtRestTests
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [SqliteFact]
    public async Task The_first_start_of_bmo_logs_where_the_admin_key_is_never_the_key_and_creates_private_files()
    {
        var root = TempDirectory.Create("bmo-first-start");
        var dataDir = Path.Combine(root, "data");
        // A one-document starter knowledge base: the first start still migrates, seeds and generates the key,
        // without spending minutes embedding 17 documents on a busy machine.
        var content = Directory.CreateDirectory(Path.Combine(root, "content")).FullName;
        await File.WriteAllTextAsync(Path.Combine(content, "grace-periods.md"),
            "# Grace periods\n\nA grace period is the time between the statement date and the payment due date. Purchases paid in full by the due date are not charged interest.\n");
        await using var bmo = BmoProcess.Serve("all", new Dictionary<string, string> { ["Bmo__DataDir"] = dataDir, ["Bmo__StarterContentDir"] = content });
        await bmo.WaitUntilLiveAsync();

        var keyFile = Path.Combine(dataDir, "admin-key");
        Assert.True(File.Exists(keyFile), bmo.Output);
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        using var client = bmo.CreateClient(key);
        var learner = await client.CreateLearnerAsync(email: "first.start@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/learners/{learner["id"]}")).StatusCode);

        Assert.Contains(keyFile, bmo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, bmo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key["bmo_admin_".Length..], bmo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("first.start@example.com", bmo.Output, StringComparison.OrdinalIgnoreCase);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
            var files = Directory.EnumerateFileSystemEntries(dataDir, "*", SearchOption.AllDirectories).ToList();
            Assert.Contains(files, f => Path.GetFileName(f) == "bmo.db");
            Assert.Contains(files, f => Path.GetFileName(f) == "bmo.db-wal");
            Assert.All(files, f => Assert.True((ModeOf(f) & GroupOrOther) == 0, $"{Path.GetRelativePath(dataDir, f)} is {ModeOf(f)}"));
        }
    }

    [Fact]
    public async Task A_generated_admin_key_is_logged_by_path_only_in_the_test_host_too()
    {
        using var factory = new BmoAppFactory().With("Auth:AdminKey", null).With("Logging:LogLevel:Default", "Information");
        var logs = LogCapture.Attach(factory);
        _ = factory.Server;

        var keyFile = Path.Combine(factory.DataDir, "admin-key");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.Contains(logs.Lines, l => l.Contains(keyFile, StringComparison.Ordinal));
        logs.AssertNone(key);
    }

    /// <summary>The embedded default owns its data directory; PostgreSQL roles keep nothing there to tighten.</summary>
    [SqliteFact]
    public async Task A_data_directory_left_open_by_an_older_version_is_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var factory = new BmoAppFactory();
        File.SetUnixFileMode(factory.DataDir, (UnixFileMode)Convert.ToInt32("755", 8));
        var db = Path.Combine(factory.DataDir, "bmo.db");
        if (File.Exists(db))
        {
            File.SetUnixFileMode(db, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync("/api/v1/learners")).StatusCode);

        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(factory.DataDir) & GroupOrOther);
        Assert.All(Directory.EnumerateFileSystemEntries(factory.DataDir, "*", SearchOption.AllDirectories),
            f => Assert.Equal((UnixFileMode)0, ModeOf(f) & GroupOrOther));
    }

    [Fact]
    public async Task An_error_on_a_lesson_page_logs_the_path_with_the_token_redacted()
    {
        var time = new BreakableTime(DeliveryApp.MondayMorning);
        using var factory = new BmoAppFactory()
            .With("Delivery:PublicBaseUrl", DeliveryApp.PublicBaseUrl)
            .WithServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(time);
            });
        var logs = LogCapture.Attach(factory);
        var email = $"redact-{Guid.NewGuid():N}@example.com";
        var learner = Guid.Parse((string)(await factory.CreateAdminClient().CreateLearnerAsync(email))["id"]!);
        var lesson = await factory.AddSentLessonAsync(learner, DeliveryChannel.Web, time.GetUtcNow());
        var token = factory.Services.GetRequiredService<LessonLinks>().CreateToken(learner, lesson.Id, DeliveryChannel.Web);

        time.Broken = true;
        var response = await factory.CreateClient().GetAsync($"/l/{token}/answer/1");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains("/l/[redacted]/answer/1", StringComparison.Ordinal));
        logs.AssertNone(token, token.Split('.')[1], BmoAppFactory.AdminKey, email);
    }

    [Theory]
    [InlineData("/l/abc.def", "/l/[redacted]")]
    [InlineData("/l/abc.def/answer/2", "/l/[redacted]/answer/2")]
    [InlineData("/L/abc.def/", "/l/[redacted]/")]
    [InlineData("/l/", "/l/")]
    [InlineData("/learners/abc", "/learners/abc")]
    [InlineData("/api/v1/learners", "/api/v1/learners")]
    public void Request_paths_are_redacted_for_logs(string path, string expected) =>
        Assert.Equal(expected, LogRedaction.Path(new PathString(path)));

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(path);

    /// <summary>A clock that throws once broken: the lesson page then fails after the token is parsed.</summary>
    private sealed class BreakableTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public bool Broken { get; set; }

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("The clock is broken for this test.") : base.GetUtcNow();
    }
}
