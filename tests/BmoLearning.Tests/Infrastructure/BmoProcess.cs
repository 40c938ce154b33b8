using System.Diagnostics;
using System.Text;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>The `bmo` executable as a separate process, as a container would run it: arguments and environment only.</summary>
internal sealed class BmoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BmoProcess(Process process, string? url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string? Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>`bmo serve --role ROLE` on a free loopback port.</summary>
    public static BmoProcess Serve(string role, IReadOnlyDictionary<string, string> environment)
    {
        var url = $"http://127.0.0.1:{FreePort.Find()}";
        return new BmoProcess(Start(["serve", "--role", role, "--urls", url], environment), url);
    }

    /// <summary>Runs a command to completion: exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        await using var run = new BmoProcess(Start(args, environment), url: null);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        await run._process.WaitForExitAsync(cts.Token);
        run._process.WaitForExit();
        return (run._process.ExitCode, run.Output);
    }

    public HttpClient CreateClient(string? apiKey = BmoAppFactory.AdminKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url!), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        return client;
    }

    /// <summary>Waits until liveness answers (the process is up; readiness is the caller's business).</summary>
    public async Task WaitUntilLiveAsync(TimeSpan? timeout = null)
    {
        using var client = CreateClient(apiKey: null);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"bmo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"bmo at {Url} did not come up:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until readiness (/api/v1/health) answers 200: every configured dependency is reachable.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = CreateClient(apiKey: null);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while ((await client.GetAsync("/api/v1/health")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Url} did not become ready:\n{Output}");
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bmo.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing from the test process's own settings leaks in: the child sees what a container would.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BMO_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start bmo.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
