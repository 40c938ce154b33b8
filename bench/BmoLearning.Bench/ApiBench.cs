using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace BmoLearning.Bench;

/// <summary>
/// API latency at a fixed request rate against a separate `bmo serve --role api` process on loopback, on the
/// embedded SQLite default or (with servers) on a fresh PostgreSQL database migrated by `bmo migrate`.
/// Baselines in the same run: GET /health (no database, no auth) at the same rate; and, on SQLite, a minimal
/// ASP.NET Core + SQLite service (bench/BmoLearning.Bench.Baseline) doing the same progress read on a copy of the
/// same database, at the same fixed rate and in a closed loop (maximum throughput).
/// </summary>
internal static class ApiBench
{
    private const string Key = "bench-admin-key-0123456789";

    public static async Task RunAsync(int rate, TimeSpan duration, Servers? servers = null, int connections = 16)
    {
        var dataDir = Directory.CreateTempSubdirectory("bmo-bench-api").FullName;
        var emptyContent = Directory.CreateTempSubdirectory("bmo-bench-content").FullName;
        var port = FreePort();
        var environment = new Dictionary<string, string>();
        string? database = null;
        if (servers is not null)
        {
            database = servers.CreateDatabase("bmo_bench_api");
            environment = servers.Environment(database, servers.Redis is null ? "postgres" : "redis");
            await Servers.RunBmoAsync(["migrate"], environment);
        }

        using var server = StartServer(dataDir, emptyContent, port, environment);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(10),
            };
            client.DefaultRequestHeaders.Add("X-API-Key", Key);
            await WaitForHealthAsync(client);

            var learner = await (await client.PostAsJsonAsync("/api/v1/learners", new { email = "progress@example.com", name = "Progress" })).Content.ReadFromJsonAsync<JsonObject>();
            var learnerId = (string)learner!["id"]!;
            var runId = Guid.NewGuid().ToString("N")[..8];
            // A learner with a few paths, so the progress read has rows to aggregate (their first lessons stay queued:
            // the api role runs no worker).
            foreach (var topic in new[] { "Budgeting basics", "Credit scores", "Saving for retirement" })
            {
                (await client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = learnerId, topic })).EnsureSuccessStatusCode();
            }

            var progressPath = $"/api/v1/learners/{learnerId}/progress";
            using var baseline = servers is null ? await BaselineServer.StartAsync(Path.Combine(dataDir, "bmo.db"), Key) : null;

            var cases = new (string Name, Func<int, Task<bool>> Send)[]
            {
                ("GET /health (baseline)", async _ => (await client.GetAsync("/health")).IsSuccessStatusCode),
                ("POST /api/v1/learners", async i => (await client.PostAsJsonAsync("/api/v1/learners", new { email = $"bench-{runId}-{i}@example.com", name = $"Bench {i}" })).StatusCode == HttpStatusCode.Created),
                ("GET /api/v1/learners/{id}/progress", async _ => (await client.GetAsync(progressPath)).IsSuccessStatusCode),
            };
            if (baseline is not null)
            {
                await baseline.CheckSameAnswerAsync(client, progressPath);
                cases = [.. cases, ("GET progress, minimal ASP.NET Core + SQLite (baseline)", async _ => (await baseline.Client.GetAsync(progressPath)).IsSuccessStatusCode)];
            }

            Console.WriteLine();
            var store = servers is null ? "SQLite" : $"PostgreSQL{(servers.Redis is null ? string.Empty : ", jobs and cache in Redis")}";
            Console.WriteLine($"## API at {rate} requests/s for {duration.TotalSeconds:0} s each (loopback, separate server process, role api, {store})");
            Console.WriteLine();
            Console.WriteLine("| request | achieved req/s | p50 ms | p95 ms | p99 ms | errors | p95 / baseline p95 |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            double? baselineP95 = null;
            var progressP95 = double.NaN;
            foreach (var (name, send) in cases)
            {
                // Warm up (JIT, connection pool, SQLite page cache) at the same rate before measuring.
                await LoadGenerator.RunAsync(rate, TimeSpan.FromSeconds(3), i => send(1_000_000 + i));
                var result = await LoadGenerator.RunAsync(rate, duration, send);
                baselineP95 ??= result.Latency.P95;
                Console.WriteLine($"| {name} | {result.AchievedRps:0} | {Stats.Ms(result.Latency.P50)} | {Stats.Ms(result.Latency.P95)} | {Stats.Ms(result.Latency.P99)} | {result.Errors} | {result.Latency.P95 / baselineP95.Value:0.0}x |");
                if (name.StartsWith("GET /api/v1/learners", StringComparison.Ordinal))
                {
                    progressP95 = result.Latency.P95;
                }
                else if (baseline is not null && ReferenceEquals(name, cases[^1].Name))
                {
                    Console.WriteLine();
                    Console.WriteLine($"Progress read p95 / minimal baseline p95: {progressP95 / result.Latency.P95:0.00}x (target: within 3x)");
                }
            }

            if (baseline is not null)
            {
                await ReadThroughputAsync(client, baseline.Client, progressPath, connections, duration);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            if (database is not null)
            {
                servers!.DropDatabase(database);
            }
        }
    }

    /// <summary>Maximum throughput of the progress read: closed loop, the same number of connections for both services.</summary>
    private static async Task ReadThroughputAsync(HttpClient bmo, HttpClient baseline, string path, int connections, TimeSpan duration)
    {
        Console.WriteLine();
        Console.WriteLine($"## Progress read, maximum throughput ({connections} concurrent connections, closed loop, {duration.TotalSeconds:0} s each)");
        Console.WriteLine();
        Console.WriteLine("| service | req/s | p50 ms | p95 ms | errors | req/s / baseline |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var results = new List<(string Name, LoadGenerator.Result Result)>();
        foreach (var (name, client) in new[] { ("minimal ASP.NET Core + SQLite (baseline)", baseline), ("bmo serve --role api", bmo) })
        {
            await LoadGenerator.RunClosedAsync(connections, TimeSpan.FromSeconds(3), async _ => (await client.GetAsync(path)).IsSuccessStatusCode);
            results.Add((name, await LoadGenerator.RunClosedAsync(connections, duration, async _ => (await client.GetAsync(path)).IsSuccessStatusCode)));
        }

        var reference = results[0].Result.AchievedRps;
        foreach (var (name, result) in results)
        {
            Console.WriteLine($"| {name} | {result.AchievedRps:0} | {Stats.Ms(result.Latency.P50)} | {Stats.Ms(result.Latency.P95)} | {result.Errors} | {100 * result.AchievedRps / reference:0}% |");
        }

        Console.WriteLine();
        Console.WriteLine("Target: bmo above 40% of the baseline's maximum throughput.");
    }

    private static Process StartServer(string dataDir, string contentDir, int port, IReadOnlyDictionary<string, string> environment)
    {
        var bmo = Path.Combine(AppContext.BaseDirectory, "bmo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                bmo, "serve", "--role", "api", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir,
                $"--Bmo:StarterContentDir={contentDir}", $"--Auth:AdminKey={Key}", "--Logging:LogLevel:Default=Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_gcServer"] = "0";
        // One key drives far more than a client may: the per-key rate limit would answer 429 to the load itself.
        start.Environment["RateLimit__PermitsPerMinute"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForHealthAsync(HttpClient client, string path = "/api/v1/health", int minutes = 2)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync(path)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server did not become ready within {minutes} minutes.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
