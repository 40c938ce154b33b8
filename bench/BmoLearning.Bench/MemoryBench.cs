using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BmoLearning.Bench;

/// <summary>
/// Resident memory of `bmo serve` (every role, the embedded default: SQLite, local MiniLM embeddings, offline
/// generator, jobs in the data directory) as a separate process: idle after start-up, after N search queries
/// (each a new text, so each embeds), and sampled over an ingestion soak (upload, wait until processed, search,
/// delete, repeat) with the slope over time. RSS and peak (VmRSS, VmHWM) come from /proc/PID/status.
/// Baseline in the same run: the minimal ASP.NET Core service of bench/BmoLearning.Bench.Baseline, idle and
/// after the same number of requests.
/// </summary>
internal static class MemoryBench
{
    private const string Key = "bench-admin-key-0123456789";

    public static async Task RunAsync(int queries, double minutes)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The memory suite reads /proc/PID/status (Linux).");
        }

        Console.WriteLine();
        Console.WriteLine($"## Memory of `bmo serve` (embedded default, every role): idle, after {queries} search queries, {minutes:0.#}-minute ingestion soak");
        Console.WriteLine();
        Console.WriteLine($"Load average at start: {LoadAverage()}; GC settings: as shipped in each program's runtimeconfig.json unless DOTNET_* is set ({GcEnvironment()}).");

        var dataDir = Directory.CreateTempSubdirectory("bmo-bench-memory").FullName;
        var port = Servers.FreePort();
        // First start: ingests the starter knowledge (the model embeds every chunk), then stops. Idle is measured on
        // the second start over the same data directory, as an operator's restart would be.
        var firstStart = Memory.Zero;
        using (var first = StartServer(dataDir, port))
        {
            try
            {
                using var firstClient = Client(port);
                // The first start ingests the starter knowledge before it answers (slow on a busy machine).
                await ApiBench.WaitForHealthAsync(firstClient, minutes: 15);
                await WaitForStarterContentAsync(firstClient);
                await Task.Delay(TimeSpan.FromSeconds(5));
                firstStart = Read(first.Id);
            }
            finally
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
        }

        using var server = StartServer(dataDir, port);
        using var baseline = await BaselineServer.StartAsync(null, Key, workstationGc: false);
        try
        {
            using var client = Client(port);
            await ApiBench.WaitForHealthAsync(client);

            // Idle: let start-up work (first job polls, recurring job registration) finish and the GC settle.
            await Task.Delay(TimeSpan.FromSeconds(15));
            var idle = Read(server.Id);
            var baselineIdle = Read(baseline.Process.Id);

            var questions = PipelineBench.LoadQuestions();
            for (var i = 0; i < queries; i++)
            {
                // A new text each time: the query embedding cache must not hide the model.
                var q = Uri.EscapeDataString($"{questions[i % questions.Count].Text} ({i})");
                (await client.GetAsync($"/api/v1/search?q={q}&k=5")).EnsureSuccessStatusCode();
                (await baseline.Client.GetAsync("/health")).EnsureSuccessStatusCode();
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
            var afterQueries = Read(server.Id);
            var baselineAfter = Read(baseline.Process.Id);

            Console.WriteLine();
            Console.WriteLine("| moment | bmo RSS MB | bmo peak (HWM) MB | baseline RSS MB | baseline peak MB | bmo RSS / baseline RSS |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Row("first start, after ingesting the starter knowledge", firstStart, baselineIdle);
            Row("idle after a restart", idle, baselineIdle);
            Row($"after {queries} search queries (baseline: {queries} requests)", afterQueries, baselineAfter);

            var soak = await SoakAsync(client, server.Id, TimeSpan.FromMinutes(minutes));
            var baselineEnd = Read(baseline.Process.Id);
            Row($"end of the {minutes:0.#}-minute soak ({soak.Cycles} documents ingested and deleted, {soak.Failures} failed)", soak.Samples[^1].Memory, baselineEnd);

            Console.WriteLine();
            Console.WriteLine(soak.Summary());
            Console.WriteLine();
            Console.WriteLine($"Load average at end: {LoadAverage()}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static System.Diagnostics.Process StartServer(string dataDir, int port) => Servers.StartBmo(
        ["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir, $"--Auth:AdminKey={Key}", "--Logging:LogLevel:Default=Warning"],
        new Dictionary<string, string> { ["RateLimit__PermitsPerMinute"] = "0" });

    private static HttpClient Client(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-API-Key", Key);
        return client;
    }

    private static void Row(string moment, Memory bmo, Memory baseline) =>
        Console.WriteLine($"| {moment} | {bmo.RssMb:0} | {bmo.PeakMb:0} | {baseline.RssMb:0} | {baseline.PeakMb:0} | {bmo.RssMb / baseline.RssMb:0.0}x |");

    private sealed record Sample(TimeSpan At, Memory Memory);

    private sealed record SoakResult(List<Sample> Samples, int Cycles, int Failures)
    {
        public string Summary()
        {
            // The first fifth is warm-up (caches, pools, arenas reaching their working size); growth after that is the leak signal.
            var warm = Samples.Skip(Samples.Count / 5).ToList();
            var slope = SlopeMbPerMinute(warm);
            var fifth = Math.Max(1, warm.Count / 5);
            var early = warm.Take(fifth).Average(s => s.Memory.RssMb);
            var late = warm.TakeLast(fifth).Average(s => s.Memory.RssMb);
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Soak: {Samples.Count} samples over {Samples[^1].At.TotalMinutes:0.0} min; RSS min {Samples.Min(s => s.Memory.RssMb):0} MB, max {Samples.Max(s => s.Memory.RssMb):0} MB, peak (HWM) {Samples[^1].Memory.PeakMb:0} MB.");
            text.AppendLine(CultureInfo.InvariantCulture, $"After warm-up (first fifth dropped): slope {slope:+0.00;-0.00} MB/min (least squares), mean of the last fifth {late:0} MB vs first fifth {early:0} MB ({late - early:+0;-0} MB).");
            text.Append("RSS over time (MB): ");
            var step = Math.Max(1, Samples.Count / 20);
            text.AppendJoin(", ", Samples.Where((_, i) => i % step == 0).Select(s => $"{s.At.TotalMinutes:0.0}m {s.Memory.RssMb:0}"));
            return text.ToString();
        }

        private static double SlopeMbPerMinute(List<Sample> samples)
        {
            if (samples.Count < 2)
            {
                return double.NaN;
            }

            var meanX = samples.Average(s => s.At.TotalMinutes);
            var meanY = samples.Average(s => s.Memory.RssMb);
            var covariance = samples.Sum(s => (s.At.TotalMinutes - meanX) * (s.Memory.RssMb - meanY));
            var variance = samples.Sum(s => Math.Pow(s.At.TotalMinutes - meanX, 2));
            return variance == 0 ? double.NaN : covariance / variance;
        }
    }

    /// <summary>Upload a new document, wait until it is processed (chunked, embedded, indexed by the in-process worker), search, delete it.</summary>
    private static async Task<SoakResult> SoakAsync(HttpClient client, int pid, TimeSpan duration)
    {
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        var cycles = 0;
        var failures = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            var interval = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 120, 2, 15));
            while (!sampling.IsCancellationRequested)
            {
                samples.Add(new Sample(clock.Elapsed, Read(pid)));
                try
                {
                    await Task.Delay(interval, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        while (clock.Elapsed < duration)
        {
            cycles++;
            try
            {
                using var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Document(cycles))), "file", $"soak-{cycles}.md");
                form.Add(new StringContent("reference"), "category");
                var accepted = await (await client.PostAsync("/api/v1/documents/", form)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
                var id = (string)accepted!["document"]!["id"]!;
                var status = "queued";
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (status is "queued" or "processing" && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                    status = (string)(await client.GetFromJsonAsync<JsonObject>($"/api/v1/documents/{id}"))!["status"]!;
                }

                if (status != "processed")
                {
                    failures++;
                }

                (await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString($"soak topic {cycles} interest statements")}&k=5")).EnsureSuccessStatusCode();
                (await client.DeleteAsync($"/api/v1/documents/{id}")).EnsureSuccessStatusCode();
            }
            catch (HttpRequestException)
            {
                failures++;
            }
        }

        await sampling.CancelAsync();
        await sampler;
        samples.Add(new Sample(clock.Elapsed, Read(pid)));
        return new SoakResult(samples, cycles, failures);
    }

    /// <summary>A new markdown document each cycle (new text: a new content hash and new embeddings), a few chunks long.</summary>
    private static string Document(int cycle)
    {
        var text = new StringBuilder($"# Soak document {cycle}\n\n");
        for (var section = 0; section < 6; section++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Section {section} of document {cycle}\n\n");
            for (var sentence = 0; sentence < 12; sentence++)
            {
                text.Append(CultureInfo.InvariantCulture, $"Statement {cycle}.{section}.{sentence}: the interest on a balance of {(cycle * 37) + sentence} dollars accrues daily and is billed monthly with the minimum payment. ");
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }

    private static async Task WaitForStarterContentAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/documents/?per_page=100");
            var items = list!["items"] as JsonArray ?? list["data"] as JsonArray ?? [];
            if (items.Count > 0 && items.All(d => (string?)d!["status"] is "processed" or "failed"))
            {
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException("The starter knowledge was not processed within 15 minutes.");
    }

    private sealed record Memory(double RssMb, double PeakMb)
    {
        public static readonly Memory Zero = new(0, 0);
    }

    private static Memory Read(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line) / 1024.0;
            }
        }

        return new Memory(rss, peak);
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string GcEnvironment()
    {
        var set = System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        return set.Count == 0 ? "none set" : string.Join(", ", set.Select(k => $"{k}={System.Environment.GetEnvironmentVariable(k)}"));
    }
}
