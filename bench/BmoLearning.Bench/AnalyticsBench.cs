using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace BmoLearning.Bench;

/// <summary>
/// Issue 13: analytics on demo data (`bmo demo-data`, made through the services). Loads the data once per database
/// (kept in --data-dir for SQLite so a second run skips generation), then times GET /api/v1/analytics/dashboard,
/// /api/v1/analytics/topics and the console's overview page, sequentially, beside /api/v1/health on the same server
/// as the baseline. SQLite always; PostgreSQL when --postgres / BMO_TEST_POSTGRES is given.
/// </summary>
internal static class AnalyticsBench
{
    private const string Key = "bench-analytics-admin-key-0123456789";
    private const int Warmup = 5;
    private const int ServicesLearners = 25;
    private const int ServicesDays = 2;

    public static async Task RunAsync(int learners, int days, int samples, string? dataDir, Servers? servers)
    {
        Console.WriteLine($"## Analytics on demo data (issue 13): {learners} learners, {days} days, {samples} sequential requests per route");
        Console.WriteLine();
        var sqliteDir = dataDir ?? Path.Combine(Path.GetTempPath(), $"bmo-bench-analytics-{learners}-{days}");
        Directory.CreateDirectory(sqliteDir);
        var sqliteEnv = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        var sqliteArgs = new[] { "--data-dir", sqliteDir };
        if (!File.Exists(Path.Combine(sqliteDir, "demo-data.done")))
        {
            await GenerateAsync("SQLite", sqliteArgs, sqliteEnv, learners, days, new() { ["Bmo:DataDir"] = sqliteDir });
            await File.WriteAllTextAsync(Path.Combine(sqliteDir, "demo-data.done"), $"{learners} {days}");
        }

        var rows = new List<string>();
        if (Environment.GetEnvironmentVariable("BMO_BENCH_SKIP_SQLITE") != "1")
        {
            rows.AddRange(await MeasureAsync("SQLite", sqliteArgs, sqliteEnv, samples));
        }

        if (servers is not null)
        {
            var database = servers.CreateDatabase("bmo_bench_analytics");
            try
            {
                var env = servers.Environment(database, "postgres");
                await GenerateAsync("PostgreSQL", [], env, learners, days, new()
                {
                    ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-analytics").FullName,
                    ["Database:Url"] = servers.DatabaseUrl(database),
                });
                rows.AddRange(await MeasureAsync("PostgreSQL", [], env, samples));
            }
            finally
            {
                servers.DropDatabase(database);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Database | Route | p50 ms | p95 ms | p95 / health p95 |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        Console.WriteLine("Targets (issue 13): analytics p95 < 200 ms on PostgreSQL and < 500 ms on SQLite; overview page p95 < 300 ms.");
    }

    /// <summary>
    /// `bmo seed`, then `bmo demo-data` through the services for at most <see cref="ServicesLearners"/> learners over
    /// <see cref="ServicesDays"/> days; the rest by <see cref="BulkDemoData"/> (rows shaped like that run's).
    /// </summary>
    private static async Task GenerateAsync(string name, string[] args, Dictionary<string, string> env, int learners, int days, Dictionary<string, string?> settings)
    {
        var clock = Stopwatch.StartNew();
        await Servers.RunBmoAsync(["seed", .. args], env);
        Console.WriteLine($"{name}: seeded in {clock.Elapsed.TotalSeconds:0} s");
        clock.Restart();
        var servicesLearners = Math.Min(learners, ServicesLearners);
        var servicesDays = Math.Min(days, ServicesDays);
        using var process = Servers.StartBmo(["demo-data", "--learners", $"{servicesLearners}", "--days", $"{servicesDays}", .. args], env);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bmo demo-data exited with {process.ExitCode}");
        }

        Console.WriteLine($"{name}: bmo demo-data (services) for {servicesLearners} learners x {servicesDays} days in {clock.Elapsed.TotalSeconds:0} s");
        if (servicesLearners < learners || servicesDays < days)
        {
            clock.Restart();
            var (lessons, answers) = await BulkDemoData.LoadAsync(settings, learners, days, Console.WriteLine);
            Console.WriteLine($"{name}: bulk rows for learners {servicesLearners + 1}-{learners} x {days} days ({lessons:N0} lessons, {answers:N0} answers) in {clock.Elapsed.TotalSeconds:0} s");
        }
    }

    private static async Task<List<string>> MeasureAsync(string name, string[] args, Dictionary<string, string> env, int samples)
    {
        var port = Servers.FreePort();
        var serverEnv = new Dictionary<string, string>(env) { ["RateLimit__PermitsPerMinute"] = "0", ["DOTNET_gcServer"] = "0" };
        using var server = Servers.StartBmo(["serve", "--role", "api", "--urls", $"http://127.0.0.1:{port}", $"--Auth:AdminKey={Key}", .. args], serverEnv);
        try
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Add("X-API-Key", Key);
            await ApiBench.WaitForHealthAsync(client, minutes: 5);
            await SignInAsync(client);

            var health = await TimeAsync(client, "/api/v1/health", samples);
            var course = await FirstTopicAsync(client);
            var rows = new List<string>();
            foreach (var (label, path) in new[]
            {
                ("GET /api/v1/analytics/dashboard", "/api/v1/analytics/dashboard"),
                ("GET /api/v1/analytics/dashboard?team=Cards", "/api/v1/analytics/dashboard?team=Cards"),
                ($"GET /api/v1/analytics/dashboard?team=Cards&course={course}", $"/api/v1/analytics/dashboard?team=Cards&course={Uri.EscapeDataString(course)}"),
                ("GET /api/v1/analytics/topics", "/api/v1/analytics/topics"),
                ("GET /admin (overview page)", "/admin"),
                ("GET /api/v1/health (baseline)", "/api/v1/health"),
            })
            {
                var stats = path == "/api/v1/health" ? health : await TimeAsync(client, path, samples);
                rows.Add($"| {name} | {label} | {Stats.Ms(stats.P50)} | {Stats.Ms(stats.P95)} | {stats.P95 / health.P95:0.0} |");
                Console.WriteLine(rows[^1]);
            }

            return rows;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>The course filter: the first topic with answers in the topics report.</summary>
    private static async Task<string> FirstTopicAsync(HttpClient client)
    {
        using var topics = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/analytics/topics"));
        return topics.RootElement.GetProperty("topics")[0].GetProperty("topic").GetString()!;
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var form = await client.GetStringAsync("/admin/sign-in");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = Key, ["__RequestVerificationToken"] = token, ["returnUrl"] = "/admin" }));
        var page = await client.GetAsync("/admin");
        if (!page.IsSuccessStatusCode || page.RequestMessage?.RequestUri?.AbsolutePath != "/admin")
        {
            throw new InvalidOperationException($"Console sign-in failed ({(int)response.StatusCode}, overview {(int)page.StatusCode} at {page.RequestMessage?.RequestUri}).");
        }
    }

    private static async Task<Stats> TimeAsync(HttpClient client, string path, int samples)
    {
        var times = new List<double>();
        for (var i = 0; i < Warmup + samples; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new Stats(times);
    }
}
