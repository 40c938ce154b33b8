using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace BmoLearning.Bench;

/// <summary>
/// API latency at a fixed request rate against a separate `bmo serve --role api` process on loopback, on the
/// embedded SQLite default or (with servers) on a fresh PostgreSQL database migrated by `bmo migrate`.
/// Baseline: GET /health (no database, no auth) at the same rate in the same run.
/// </summary>
internal static class ApiBench
{
    private const string Key = "bench-admin-key-0123456789";

    public static async Task RunAsync(int rate, TimeSpan duration, Servers? servers = null)
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

            var cases = new (string Name, Func<int, Task<bool>> Send)[]
            {
                ("GET /health (baseline)", async _ => (await client.GetAsync("/health")).IsSuccessStatusCode),
                ("POST /api/v1/learners", async i => (await client.PostAsJsonAsync("/api/v1/learners", new { email = $"bench-{runId}-{i}@example.com", name = $"Bench {i}" })).StatusCode == HttpStatusCode.Created),
                ("GET /api/v1/learners/{id}/progress", async _ => (await client.GetAsync($"/api/v1/learners/{learnerId}/progress")).IsSuccessStatusCode),
            };

            Console.WriteLine();
            var store = servers is null ? "SQLite" : $"PostgreSQL{(servers.Redis is null ? string.Empty : ", jobs and cache in Redis")}";
            Console.WriteLine($"## API at {rate} requests/s for {duration.TotalSeconds:0} s each (loopback, separate server process, role api, {store})");
            Console.WriteLine();
            Console.WriteLine("| request | achieved req/s | p50 ms | p95 ms | p99 ms | errors | p95 / baseline p95 |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            double? baselineP95 = null;
            foreach (var (name, send) in cases)
            {
                // Warm up (JIT, connection pool, SQLite page cache) at the same rate before measuring.
                await LoadGenerator.RunAsync(rate, TimeSpan.FromSeconds(3), i => send(1_000_000 + i));
                var result = await LoadGenerator.RunAsync(rate, duration, send);
                baselineP95 ??= result.Latency.P95;
                Console.WriteLine($"| {name} | {result.AchievedRps:0} | {Stats.Ms(result.Latency.P50)} | {Stats.Ms(result.Latency.P95)} | {Stats.Ms(result.Latency.P99)} | {result.Errors} | {result.Latency.P95 / baselineP95.Value:0.0}x |");
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

    private static async Task WaitForHealthAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/api/v1/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The server did not become ready within 2 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
