using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Cli;

/// <summary>A real all-roles `bmo serve` on SQLite, shared by the tests that verify it.</summary>
public sealed class VerifyServerFixture : IAsyncLifetime
{
    private BmoProcess _process = null!;

    public string Url => _process.Url!;

    public string Output => _process.Output;

    public async Task InitializeAsync()
    {
        _process = BmoProcess.Serve("all", new Dictionary<string, string>
        {
            ["BMO_ADMIN_KEY"] = BmoAppFactory.AdminKey,
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-verify"),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _process.WaitUntilLiveAsync(TimeSpan.FromMinutes(3));
        await _process.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _process.DisposeAsync();
}

/// <summary>`bmo verify URL`: Phase 4 of the deployment plan against real processes and real sockets.</summary>
public sealed class VerifyCommandTests(VerifyServerFixture server) : IClassFixture<VerifyServerFixture>
{
    private static async Task<(int ExitCode, string Output, string Errors)> VerifyAsync(VerifySettings settings)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await VerifyCommand.RunAsync(settings, output, errors, CancellationToken.None);
        return (exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>Short baselines (the perf run is not what these tests measure) and generous limits for a shared CI machine.</summary>
    private static VerifySettings Settings(string url) => new(url, BmoAppFactory.AdminKey)
    {
        Seconds = 2,
        Rate = 5,
        ApiP95Ms = 10_000,
        AiP95Ms = 20_000,
        TimeoutSeconds = 60,
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertCleanFailure(string output, string errors)
    {
        Assert.DoesNotContain("Exception", output + errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_all_roles_process_passes_every_check_and_writes_the_report()
    {
        var outDir = TempDirectory.Create("bmo-verify-out");

        var (exitCode, output, errors) = await VerifyAsync(Settings(server.Url) with { AiUrl = server.Url, OutDirectory = outDir });

        Assert.True(exitCode == 0, $"{output}\n{errors}\n{server.Output}");
        foreach (var name in new[] { "liveness", "ai liveness", "readiness", "end-to-end", "api p95", "ai p95" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "verify.json")))!;
        Assert.True((bool)report["passed"]!);
        var checks = report["checks"]!.AsArray();
        Assert.Equal(6, checks.Count);
        Assert.All(checks, c => Assert.True((bool)c!["passed"]!, c!.ToJsonString()));
        var api = checks.Single(c => (string?)c!["name"] == "api p95")!;
        Assert.Equal(10, (int)api["latency"]!["requests"]!);
        Assert.True((double)api["latency"]!["p95_ms"]! >= (double)api["latency"]!["p50_ms"]!);
        // The synthetic test learner is erased through the API's data-rights route, so it never reaches analytics.
        var cleanup = (string)report["test_learner_cleanup"]!;
        Assert.True(cleanup == "erased (DELETE /api/v1/learners/{id})", cleanup);
        var markdown = await File.ReadAllTextAsync(Path.Combine(outDir, "verify.md"));
        Assert.Contains("# bmo verify: passed", markdown, StringComparison.Ordinal);
        Assert.Contains("| api p95 | 10 | 0 |", markdown, StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Add("X-API-Key", BmoAppFactory.AdminKey);
        var erased = await client.GetAsync($"/api/v1/learners/{(string)report["test_learner_id"]!}");
        Assert.Equal(HttpStatusCode.NotFound, erased.StatusCode);
    }

    [Fact]
    public async Task A_p95_over_the_threshold_fails_naming_the_check()
    {
        var (exitCode, _, errors) = await VerifyAsync(Settings(server.Url) with { ApiP95Ms = 0.001 });

        Assert.Equal(1, exitCode);
        Assert.Contains("Failed: api p95.", errors, StringComparison.Ordinal);
        Assert.Contains("exceeds", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_ai_role_fails_naming_the_check()
    {
        var (exitCode, output, errors) = await VerifyAsync(Settings(server.Url) with { AiUrl = $"http://127.0.0.1:{ClosedPort()}" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Failed: ai liveness.", errors, StringComparison.Ordinal);
        Assert.Contains("cannot connect", errors, StringComparison.Ordinal);
        AssertCleanFailure(output, errors);
    }

    [Fact]
    public async Task The_api_of_a_process_without_the_ai_role_is_not_taken_for_the_ai_role()
    {
        // Points --ai-url at a listener that answers /health as the API does (service "api").
        await using var fake = await TextServer.StartAsync("/health", "application/json", """{"status":"healthy","service":"api"}""");

        var (exitCode, _, errors) = await VerifyAsync(Settings(server.Url) with { AiUrl = fake.Url });

        Assert.Equal(1, exitCode);
        Assert.Contains("expected 'ai-service'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_fails_readiness()
    {
        await using var api = BmoProcess.Serve("all", new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"postgres://bmo:db-pw-n0t-shown@127.0.0.1:{ClosedPort()}/bmo",
            ["BMO_ADMIN_KEY"] = BmoAppFactory.AdminKey,
            ["BMO_LINK_SIGNING_KEY"] = "verify-link-signing-key-0123456789abcdef",
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-verify-nodb"),
            ["Database__MaxRetryCount"] = "0",
            ["Database__ConnectTimeoutSeconds"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await api.WaitUntilLiveAsync();

        var (exitCode, output, errors) = await VerifyAsync(Settings(api.Url!) with { TimeoutSeconds = 20 });

        Assert.True(exitCode == 1, $"{output}\n{errors}\n{api.Output}");
        Assert.Contains("readiness", errors.Split('\n').Last(l => l.StartsWith("Failed:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("database disconnected", errors, StringComparison.Ordinal);
        AssertCleanFailure(output, errors);
    }

    [Fact]
    public async Task An_unreachable_url_fails_with_one_clear_line()
    {
        var (exitCode, output, errors) = await VerifyAsync(Settings($"http://127.0.0.1:{ClosedPort()}"));

        Assert.Equal(1, exitCode);
        Assert.Contains("liveness: cannot connect to 127.0.0.1:", errors, StringComparison.Ordinal);
        Assert.Contains("Failed: liveness.", errors, StringComparison.Ordinal);
        AssertCleanFailure(output, errors);
    }

    [Fact]
    public async Task A_health_answer_that_is_not_json_fails_with_one_clear_line()
    {
        await using var text = await TextServer.StartAsync("/health", "text/html", "<html>It works!</html>");

        var (exitCode, output, errors) = await VerifyAsync(Settings(text.Url));

        Assert.Equal(1, exitCode);
        Assert.Contains("liveness: GET /health answered 200 with text/html that is not a JSON object", errors, StringComparison.Ordinal);
        AssertCleanFailure(output, errors);
    }

    [Fact]
    public async Task Https_to_a_plain_http_port_fails_with_a_tls_message()
    {
        await using var text = await TextServer.StartAsync("/health", "application/json", """{"status":"healthy"}""");

        var (exitCode, output, errors) = await VerifyAsync(Settings(text.Url.Replace("http://", "https://", StringComparison.Ordinal)));

        Assert.Equal(1, exitCode);
        Assert.Contains("TLS handshake", errors, StringComparison.Ordinal);
        AssertCleanFailure(output, errors);
    }

    [Fact]
    public async Task Bad_arguments_exit_2()
    {
        Assert.Equal(2, (await VerifyAsync(Settings("127.0.0.1:8080"))).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("ftp://127.0.0.1/"))).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("http://127.0.0.1:1") with { AiUrl = "not a url" })).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("http://127.0.0.1:1") with { Rate = 0 })).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("http://127.0.0.1:1") with { Seconds = -1 })).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("http://127.0.0.1:1") with { TimeoutSeconds = 0 })).ExitCode);
        Assert.Equal(2, (await VerifyAsync(Settings("http://127.0.0.1:1") with { ApiP95Ms = double.NaN })).ExitCode);
        var (exitCode, _, errors) = await VerifyAsync(new VerifySettings("http://127.0.0.1:1", ApiKey: null));
        Assert.Equal(2, exitCode);
        Assert.Contains("--api-key", errors, StringComparison.Ordinal);
        Assert.Equal(2, await BmoCommandLine.RunAsync(["verify", "not a url", "--api-key", "k"]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["verify"]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["verify", "http://127.0.0.1:1", "--rate", "many"]));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, VerifyCommand.Percentile(sorted, 0.50));
        Assert.Equal(10, VerifyCommand.Percentile(sorted, 0.95));
        Assert.Equal(7, VerifyCommand.Percentile([7], 0.99));
    }

    /// <summary>A loopback server answering one path with a fixed body: stands in for a non-BMO service.</summary>
    private sealed class TextServer(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Urls.First();

        public static async Task<TextServer> StartAsync(string path, string contentType, string body)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet(path, () => Results.Text(body, contentType));
            await app.StartAsync();
            return new TextServer(app);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
