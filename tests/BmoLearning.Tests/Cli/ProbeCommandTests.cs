using System.Net;
using System.Net.Sockets;
using BmoLearning.Host.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Cli;

/// <summary>`bmo probe URL`, the container health check, against a real socket.</summary>
public sealed class ProbeCommandTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        _server.MapGet("/down", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        _server.MapGet("/moved", () => Results.Redirect("/health"));
        _server.MapGet("/hang", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        });
        await _server.StartAsync();
        _baseUrl = _server.Urls.First();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<(int ExitCode, string Output, string Errors)> ProbeAsync(string url, double timeoutSeconds = 3)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await ProbeCommand.ProbeAsync(url, timeoutSeconds, output, errors, CancellationToken.None);
        return (exitCode, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task A_2xx_answer_exits_0()
    {
        var (exitCode, output, _) = await ProbeAsync($"{_baseUrl}/health");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("200 OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_exits_1()
    {
        var (exitCode, _, errors) = await ProbeAsync($"{_baseUrl}/down");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("503", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_exit_1()
    {
        Assert.Equal(1, (await ProbeAsync($"{_baseUrl}/moved")).ExitCode);
    }

    [Fact]
    public async Task A_refused_connection_exits_1()
    {
        // A port that was just free: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, _, errors) = await ProbeAsync($"http://127.0.0.1:{port}/health");

        Assert.Equal(1, exitCode);
        Assert.NotEqual(string.Empty, errors);
    }

    [Fact]
    public async Task A_server_that_never_answers_exits_1_after_the_timeout()
    {
        var (exitCode, _, errors) = await ProbeAsync($"{_baseUrl}/hang", timeoutSeconds: 0.5);

        Assert.Equal(1, exitCode);
        Assert.Contains("No answer", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_urls_and_timeouts_exit_2_as_usage_errors()
    {
        Assert.Equal(2, (await ProbeAsync("127.0.0.1:8080/health")).ExitCode);
        Assert.Equal(2, (await ProbeAsync("ftp://127.0.0.1/health")).ExitCode);
        Assert.Equal(2, (await ProbeAsync($"{_baseUrl}/health", timeoutSeconds: 0)).ExitCode);
        Assert.Equal(2, await BmoCommandLine.RunAsync(["probe"]));
    }

    [Fact]
    public async Task The_command_line_probes_the_url()
    {
        Assert.Equal(0, await BmoCommandLine.RunAsync(["probe", $"{_baseUrl}/health", "--timeout", "2"]));
        Assert.Equal(1, await BmoCommandLine.RunAsync(["probe", $"{_baseUrl}/down"]));
    }
}
