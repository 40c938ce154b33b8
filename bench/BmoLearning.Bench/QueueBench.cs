using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace BmoLearning.Bench;

/// <summary>
/// Lessons per minute through the job queue with the offline generator: one `bmo serve --role api` process
/// takes the requests, and 1 or 2 `bmo serve --role worker` processes drain the queue (jobs in Redis when
/// given, else in PostgreSQL). Each run starts from a copy of one seeded database. The 1-worker run is the baseline.
/// </summary>
internal static class QueueBench
{
    private const string Key = "bench-admin-key-0123456789";
    private static readonly string[] Topics = ["APR", "Annual fees", "Credit limits", "Grace periods", "Rewards", "Minimum payments", "Balance transfers", "Chargebacks"];

    public static async Task RunAsync(Servers servers, int lessons)
    {
        var jobs = servers.Redis is null ? "postgres" : "redis";
        var template = servers.CreateDatabase("bmo_bench_kb");
        try
        {
            var env = servers.Environment(template, jobs);
            await Servers.RunBmoAsync(["migrate"], env);
            await Servers.RunBmoAsync(["seed"], env);
            NpgsqlConnection.ClearAllPools();

            Console.WriteLine();
            Console.WriteLine($"## Lessons through the queue ({lessons} requests, offline generator, jobs in {(jobs == "redis" ? "Redis" : "PostgreSQL")}, 4 job threads per worker)");
            Console.WriteLine();
            Console.WriteLine("| worker processes | seconds | lessons/minute | / 1 worker |");
            Console.WriteLine("|---|---|---|---|");
            double? baseline = null;
            foreach (var workers in new[] { 1, 2 })
            {
                var perMinute = await RunOnceAsync(servers, template, jobs, workers, lessons);
                baseline ??= perMinute.PerMinute;
                Console.WriteLine($"| {workers} | {perMinute.Seconds:0.0} | {perMinute.PerMinute:0} | {perMinute.PerMinute / baseline.Value:0.00}x |");
            }
        }
        finally
        {
            servers.DropDatabase(template);
        }
    }

    private static async Task<(double Seconds, double PerMinute)> RunOnceAsync(Servers servers, string template, string jobs, int workers, int lessons)
    {
        var database = servers.CreateDatabase("bmo_bench_q", template);
        var env = servers.Environment(database, jobs);
        env["BMO_ADMIN_KEY"] = Key;
        env["Jobs__PollInterval"] = "00:00:00.200";
        var processes = new List<Process>();
        try
        {
            var apiPort = Servers.FreePort();
            processes.Add(Servers.StartBmo(["serve", "--role", "api", "--urls", $"http://127.0.0.1:{apiPort}"], env));
            for (var i = 0; i < workers; i++)
            {
                processes.Add(Servers.StartBmo(["serve", "--role", "worker", "--urls", $"http://127.0.0.1:{Servers.FreePort()}"], env));
            }

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add("X-API-Key", Key);
            await WaitReadyAsync(client);
            var learner = await (await client.PostAsJsonAsync("/api/v1/learners", new { email = $"queue-{Guid.NewGuid():N}@example.com", name = "Queue" })).Content.ReadFromJsonAsync<JsonObject>();
            var learnerId = (string)learner!["id"]!;

            // Warm up every worker (model load, JIT) before timing.
            await SubmitAndWaitAsync(client, servers, database, learnerId, workers * 4);
            var clock = Stopwatch.StartNew();
            await SubmitAndWaitAsync(client, servers, database, learnerId, lessons);
            var seconds = clock.Elapsed.TotalSeconds;
            return (seconds, lessons / seconds * 60);
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            servers.DropDatabase(database);
        }
    }

    private static async Task SubmitAndWaitAsync(HttpClient client, Servers servers, string database, string learnerId, int count)
    {
        var before = Count(servers, database);
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/learners/{learnerId}/request_lesson", new { topic = Topics[i % Topics.Length], difficulty = "beginner" });
            response.EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (Count(servers, database) < before + count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Lessons did not finish within 15 minutes.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Finished requests (ready or failed).</summary>
    private static long Count(Servers servers, string database)
    {
        using var connection = new NpgsqlConnection(servers.ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM lesson_requests WHERE status IN ('Ready', 'Failed')", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task WaitReadyAsync(HttpClient client)
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

        throw new TimeoutException("The API did not become ready within 2 minutes.");
    }
}
