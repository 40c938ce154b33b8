using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace BmoLearning.Host.Cli;

/// <summary>Everything `bmo verify` was asked to do; validated by <see cref="VerifyCommand.RunAsync"/>.</summary>
public sealed record VerifySettings(string Url, string? ApiKey)
{
    public string? AiUrl { get; init; }
    public string? AiKey { get; init; }
    public double Rate { get; init; } = 5;
    public double Seconds { get; init; } = 10;
    public string? OutDirectory { get; init; }
    public double ApiP95Ms { get; init; } = 500;
    public double AiP95Ms { get; init; } = 5000;
    public double TimeoutSeconds { get; init; } = 120;
    public string Topic { get; init; } = "APR";
}

/// <summary>One named check: passed or not, why, and (for the baselines) the latency figures.</summary>
public sealed record VerifyCheck(string Name, bool Passed, string Detail)
{
    public LatencySummary? Latency { get; init; }
}

/// <param name="Requests">Requests sent (rate x seconds).</param>
/// <param name="Failed">Answers that were not 2xx, or no answer at all.</param>
public sealed record LatencySummary(int Requests, int Failed, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double ThresholdP95Ms);

public sealed record VerifyReport(
    string Url, string? AiUrl, DateTimeOffset StartedAt, bool Passed, IReadOnlyList<VerifyCheck> Checks, string? TestLearnerId, string TestLearnerCleanup);

/// <summary>
/// `bmo verify URL`: Phase 4 of the deployment plan (seed 08-deployment-readiness.md) as one command —
/// liveness, readiness, the end-to-end learner flow and a latency baseline. Exit 0 when every check meets its
/// threshold, 1 naming the failed checks, 2 on bad arguments.
/// </summary>
public static class VerifyCommand
{
    public const string SyntheticEmailDomain = "bmo-verify.invalid";
    public const string SyntheticName = "bmo verify";

    private static readonly Argument<string> UrlArgument = new("url") { Description = "Base URL of the API, e.g. https://bmo.example.com" };

    private static readonly Option<string?> ApiKeyOption = new("--api-key") { Description = "Admin API key (default: BMO_ADMIN_KEY)." };
    private static readonly Option<string?> AiUrlOption = new("--ai-url") { Description = "Base URL of the AI role, when it runs apart (its /health and a latency baseline)." };
    private static readonly Option<string?> AiKeyOption = new("--ai-key") { Description = "AI role key (default: AI_SERVICE_API_KEY, then the admin key)." };
    private static readonly Option<double> RateOption = new("--rate") { Description = "Requests per second of the latency baselines.", DefaultValueFactory = _ => 5 };
    private static readonly Option<double> SecondsOption = new("--seconds") { Description = "Duration of each latency baseline.", DefaultValueFactory = _ => 10 };
    private static readonly Option<string?> OutOption = new("--out") { Description = "Directory for verify.json and verify.md." };
    private static readonly Option<double> ApiP95Option = new("--api-p95-ms") { Description = "Highest acceptable p95 of the API route.", DefaultValueFactory = _ => 500 };
    private static readonly Option<double> AiP95Option = new("--ai-p95-ms") { Description = "Highest acceptable p95 of the AI route.", DefaultValueFactory = _ => 5000 };
    private static readonly Option<double> TimeoutOption = new("--timeout")
    {
        Description = "Seconds to wait for any one answer, and for the test lesson to be ready.",
        DefaultValueFactory = _ => 120,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var command = new Command("verify", "Check a deployment: liveness, readiness, an end-to-end lesson, latency baselines. Exit 0 when all pass, 1 naming failures, 2 on bad arguments.")
        {
            UrlArgument, ApiKeyOption, AiUrlOption, AiKeyOption, RateOption, SecondsOption, OutOption, ApiP95Option, AiP95Option, TimeoutOption,
        };
        command.SetAction((parse, ct) =>
        {
            var settings = new VerifySettings(parse.GetValue(UrlArgument)!, parse.GetValue(ApiKeyOption) ?? Environment.GetEnvironmentVariable("BMO_ADMIN_KEY"))
            {
                AiUrl = parse.GetValue(AiUrlOption),
                AiKey = parse.GetValue(AiKeyOption) ?? Environment.GetEnvironmentVariable("AI_SERVICE_API_KEY"),
                Rate = parse.GetValue(RateOption),
                Seconds = parse.GetValue(SecondsOption),
                OutDirectory = parse.GetValue(OutOption),
                ApiP95Ms = parse.GetValue(ApiP95Option),
                AiP95Ms = parse.GetValue(AiP95Option),
                TimeoutSeconds = parse.GetValue(TimeoutOption),
            };
            return RunAsync(settings, Console.Out, Console.Error, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(VerifySettings settings, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (Validate(settings) is { } problem)
        {
            errors.WriteLine(problem);
            return 2;
        }

        var baseUri = BaseUri(settings.Url)!;
        var aiUri = settings.AiUrl is null ? null : BaseUri(settings.AiUrl);
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        // No redirects (a health URL that redirects is misconfigured) and no proxy from the environment, as `bmo probe`.
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = timeout };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var probe = new Probe(http, timeout);
        var startedAt = DateTimeOffset.UtcNow;
        var checks = new List<VerifyCheck>();
        string? learnerId = null;
        var cleanup = "no test learner was created";

        var liveness = await LivenessAsync(probe, baseUri, "liveness", expectedService: null, ct);
        checks.Add(liveness);
        var apiAnswered = !probe.LastHadNoJsonAnswer;
        if (aiUri is not null)
        {
            checks.Add(await LivenessAsync(probe, aiUri, "ai liveness", expectedService: "ai-service", ct));
        }

        // When the URL gives no JSON answer at all (down, TLS, not a BMO deployment), every later check would
        // fail the same way: say it once.
        if (liveness.Passed || apiAnswered)
        {
            var readiness = await ReadinessAsync(probe, baseUri, ct);
            checks.Add(readiness);
            var flow = await EndToEndAsync(probe, baseUri, settings, ct);
            checks.Add(flow.Check);
            learnerId = flow.LearnerId;
            if (learnerId is not null)
            {
                cleanup = await CleanUpAsync(probe, baseUri, settings.ApiKey!, learnerId, ct);
                checks.Add(await BaselineAsync(
                    "api p95", http, settings, settings.ApiP95Ms,
                    () => Request(HttpMethod.Get, new Uri(baseUri, $"api/v1/learners/{learnerId}/progress"), settings.ApiKey, body: null), ct));
            }
            else
            {
                checks.Add(new VerifyCheck("api p95", false, "not measured: the end-to-end flow created no learner to read progress of"));
            }
        }

        if (aiUri is not null && checks.Single(c => c.Name == "ai liveness").Passed)
        {
            var aiKey = settings.AiKey ?? settings.ApiKey;
            checks.Add(await BaselineAsync(
                "ai p95", http, settings, settings.AiP95Ms,
                () => Request(HttpMethod.Post, new Uri(aiUri, "api/v1/validate-safety"), aiKey,
                    new { content = "A grace period is the time between the end of a billing cycle and the payment due date." }),
                ct));
        }

        var report = new VerifyReport(baseUri.ToString(), aiUri?.ToString(), startedAt, checks.All(c => c.Passed), checks, learnerId, cleanup);
        Print(report, output);
        if (settings.OutDirectory is { } directory && !await WriteReportAsync(report, directory, errors, ct))
        {
            return 1;
        }

        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count == 0)
        {
            return 0;
        }

        foreach (var check in failed)
        {
            errors.WriteLine($"{check.Name}: {check.Detail}");
        }

        errors.WriteLine($"Failed: {string.Join(", ", failed.Select(c => c.Name))}.");
        return 1;
    }

    private static string? Validate(VerifySettings settings)
    {
        if (BaseUri(settings.Url) is null)
        {
            return $"Not an absolute http(s) URL: '{settings.Url}'.";
        }

        if (settings.AiUrl is not null && BaseUri(settings.AiUrl) is null)
        {
            return $"--ai-url is not an absolute http(s) URL: '{settings.AiUrl}'.";
        }

        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            return "An admin API key is required for the end-to-end check: pass --api-key or set BMO_ADMIN_KEY.";
        }

        if (!double.IsFinite(settings.Rate) || settings.Rate <= 0 || settings.Rate > 500)
        {
            return "--rate must be more than 0 and at most 500 requests a second.";
        }

        if (!double.IsFinite(settings.Seconds) || settings.Seconds <= 0 || settings.Seconds > 600 || settings.Rate * settings.Seconds < 1)
        {
            return "--seconds must be more than 0 and at most 600, and --rate x --seconds at least 1 request.";
        }

        if (!double.IsFinite(settings.ApiP95Ms) || settings.ApiP95Ms <= 0 || !double.IsFinite(settings.AiP95Ms) || settings.AiP95Ms <= 0)
        {
            return "--api-p95-ms and --ai-p95-ms must be more than 0.";
        }

        if (!double.IsFinite(settings.TimeoutSeconds) || settings.TimeoutSeconds <= 0 || settings.TimeoutSeconds > 3600)
        {
            return "--timeout must be more than 0 and at most 3600 seconds.";
        }

        return null;
    }

    /// <summary>The URL as a base (trailing slash, so relative paths keep any path prefix); null when not absolute http(s).</summary>
    private static Uri? BaseUri(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query))
        {
            return null;
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string? apiKey, object? body)
    {
        var request = new HttpRequestMessage(method, uri);
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

    private static async Task<VerifyCheck> LivenessAsync(Probe probe, Uri baseUri, string name, string? expectedService, CancellationToken ct)
    {
        var answer = await probe.SendAsync(Request(HttpMethod.Get, new Uri(baseUri, "health"), apiKey: null, body: null), ct);
        if (answer.Failure is { } failure)
        {
            return new VerifyCheck(name, false, failure);
        }

        var status = (string?)answer.Body!["status"];
        var service = (string?)answer.Body["service"];
        if (answer.Status != 200 || status != "healthy")
        {
            return new VerifyCheck(name, false, $"GET /health answered {answer.Status} with status '{status}', expected 200 and 'healthy'");
        }

        if (expectedService is not null && service != expectedService)
        {
            return new VerifyCheck(name, false, $"GET /health answered service '{service}', expected '{expectedService}' (is this the AI role?)");
        }

        return new VerifyCheck(name, true, $"healthy ({service}) in {answer.ElapsedMs:0} ms");
    }

    private static async Task<VerifyCheck> ReadinessAsync(Probe probe, Uri baseUri, CancellationToken ct)
    {
        var answer = await probe.SendAsync(Request(HttpMethod.Get, new Uri(baseUri, "api/v1/health"), apiKey: null, body: null), ct);
        if (answer.Failure is { } failure)
        {
            return new VerifyCheck("readiness", false, failure);
        }

        var status = (string?)answer.Body!["status"];
        var database = (string?)answer.Body["database"];
        var redis = (string?)answer.Body["redis"];
        var summary = $"status {status}, database {database}, redis {redis}";
        var ready = answer.Status == 200 && status == "ok" && database == "connected" && redis != "disconnected";
        return new VerifyCheck("readiness", ready, ready ? $"{summary} in {answer.ElapsedMs:0} ms" : $"GET /api/v1/health answered {answer.Status}: {summary}");
    }

    /// <summary>The reference system's step 16: a learner, a lesson on a topic the starter knowledge base teaches, an answer, progress.</summary>
    private static async Task<(VerifyCheck Check, string? LearnerId)> EndToEndAsync(Probe probe, Uri baseUri, VerifySettings settings, CancellationToken ct)
    {
        const string Name = "end-to-end";
        var key = settings.ApiKey;
        // The reserved .invalid domain (RFC 2606) can never receive mail, and analytics can exclude it by name;
        // the web channel (explicitly, whatever the default becomes) means the scheduler never sends it anything.
        var email = $"verify+{Guid.NewGuid():N}@{SyntheticEmailDomain}";
        var created = await probe.SendAsync(
            Request(HttpMethod.Post, new Uri(baseUri, "api/v1/learners"), key, new { email, name = SyntheticName, preferredChannel = "web" }), ct);
        if (created.Failure is not null || created.Status != 201 || (string?)created.Body!["id"] is not { } learnerId)
        {
            return (new VerifyCheck(Name, false, $"create learner: {created.Describe(201)}"), null);
        }

        var requested = await probe.SendAsync(
            Request(HttpMethod.Post, new Uri(baseUri, $"api/v1/learners/{learnerId}/request_lesson"), key, new { topic = settings.Topic, difficulty = "beginner" }), ct);
        if (requested.Failure is not null || requested.Status != 202 || (string?)requested.Body!["id"] is not { } requestId)
        {
            return (new VerifyCheck(Name, false, $"request lesson: {requested.Describe(202)}"), learnerId);
        }

        var deadline = Stopwatch.StartNew();
        JsonObject? lesson = null;
        var lastStatus = "pending";
        while (lesson is null)
        {
            var polled = await probe.SendAsync(Request(HttpMethod.Get, new Uri(baseUri, $"api/v1/lesson_requests/{requestId}"), key, body: null), ct);
            // 503 is "retry later" (a dependency recovering): keep polling until the timeout.
            if (polled.Failure is null && polled.Status == 200)
            {
                lastStatus = (string?)polled.Body!["status"] ?? "unknown";
                if (lastStatus == "failed")
                {
                    return (new VerifyCheck(Name, false, $"lesson request failed: {(string?)polled.Body["error"]}"), learnerId);
                }

                lesson = lastStatus == "ready" ? polled.Body["lesson"] as JsonObject : null;
            }
            else if (polled.Failure is not null || polled.Status != 503)
            {
                return (new VerifyCheck(Name, false, $"poll lesson request: {polled.Describe(200)}"), learnerId);
            }

            if (lesson is null)
            {
                if (deadline.Elapsed.TotalSeconds > settings.TimeoutSeconds)
                {
                    return (new VerifyCheck(Name, false, $"lesson still {lastStatus} after {settings.TimeoutSeconds:0.###} s (--timeout)"), learnerId);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
        }

        var lessonId = (string?)lesson["id"];
        var correct = (int?)lesson["correct_answer"] ?? 0;
        var answered = await probe.SendAsync(Request(HttpMethod.Post, new Uri(baseUri, "api/v1/quiz_responses"), key,
            new { learnerId, lessonId, answerGiven = correct, timeTakenSeconds = 5 }), ct);
        if (answered.Failure is not null || answered.Status != 201 || answered.Body!["correct"]?.GetValue<bool>() != true)
        {
            return (new VerifyCheck(Name, false, $"answer quiz: {answered.Describe(201)}"), learnerId);
        }

        var progress = await probe.SendAsync(Request(HttpMethod.Get, new Uri(baseUri, $"api/v1/learners/{learnerId}/progress"), key, body: null), ct);
        if (progress.Failure is not null || progress.Status != 200)
        {
            return (new VerifyCheck(Name, false, $"read progress: {progress.Describe(200)}"), learnerId);
        }

        return (new VerifyCheck(Name, true,
            $"learner created, lesson on '{settings.Topic}' ready in {deadline.Elapsed.TotalSeconds:0.0} s ({(string?)lesson["generator"]}), answered, progress read"), learnerId);
    }

    /// <summary>
    /// Erases the test learner (DELETE /api/v1/learners/{id}, the data-rights route); where that fails (an older
    /// deployment, a key without the admin scope) the learner stays, recognisable by its reserved .invalid address
    /// and name, and the report says so.
    /// </summary>
    private static async Task<string> CleanUpAsync(Probe probe, Uri baseUri, string apiKey, string learnerId, CancellationToken ct)
    {
        var deleted = await probe.SendAsync(Request(HttpMethod.Delete, new Uri(baseUri, $"api/v1/learners/{learnerId}"), apiKey, body: null), ct);
        // 204 has no body, which the probe (expecting JSON) reports as a failure: the status is what counts here.
        return deleted.Status is >= 200 and < 300
            ? "erased (DELETE /api/v1/learners/{id})"
            : $"remains: erasure failed ({deleted.Describe(204)}); it is marked synthetic by its @{SyntheticEmailDomain} address and name '{SyntheticName}'";
    }

    /// <summary>
    /// Open loop: request i is due at i / rate whether or not earlier ones have answered, and its latency counts
    /// from when it was due, so a slow server cannot hide its queueing by slowing the sender (coordinated omission).
    /// </summary>
    private static async Task<VerifyCheck> BaselineAsync(
        string name, HttpClient http, VerifySettings settings, double thresholdMs, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var count = Math.Max(1, (int)Math.Round(settings.Rate * settings.Seconds));
        var clock = Stopwatch.StartNew();
        var sends = new List<Task<(double Ms, string? Error)>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / settings.Rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            sends.Add(SendTimedAsync(http, request(), clock, due, TimeSpan.FromSeconds(settings.TimeoutSeconds), ct));
        }

        var results = await Task.WhenAll(sends);
        var latencies = results.Select(r => r.Ms).Order().ToArray();
        var errors = results.Where(r => r.Error is not null).ToList();
        var summary = new LatencySummary(count, errors.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), latencies[^1], thresholdMs);
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"p50 {summary.P50Ms:0} ms, p95 {summary.P95Ms:0} ms, p99 {summary.P99Ms:0} ms over {count} requests at {settings.Rate:0.##}/s");
        if (errors.Count > 0)
        {
            return new VerifyCheck(name, false, $"{errors.Count} of {count} requests failed (first: {errors[0].Error}); {figures}") { Latency = summary };
        }

        var passed = summary.P95Ms <= thresholdMs;
        return new VerifyCheck(name, passed, passed ? $"{figures} (limit {thresholdMs:0} ms)" : $"p95 {summary.P95Ms:0} ms exceeds {thresholdMs:0} ms; {figures}")
        {
            Latency = summary,
        };
    }

    private static async Task<(double Ms, string? Error)> SendTimedAsync(
        HttpClient http, HttpRequestMessage request, Stopwatch clock, TimeSpan due, TimeSpan timeout, CancellationToken ct)
    {
        using (request)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                using var response = await http.SendAsync(request, cts.Token);
                await response.Content.LoadIntoBufferAsync(cts.Token);
                var ms = (clock.Elapsed - due).TotalMilliseconds;
                return (ms, response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return ((clock.Elapsed - due).TotalMilliseconds, Probe.Describe(ex, request.RequestUri!, timeout));
            }
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static void Print(VerifyReport report, TextWriter output)
    {
        // Spectre over the given writer (not the process console) so tests and redirected output see the same table.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var table = new Table().AddColumn("Check").AddColumn("Result").AddColumn("Detail");
        foreach (var check in report.Checks)
        {
            table.AddRow(
                new Text(check.Name),
                check.Passed ? new Markup("[green]pass[/]") : new Markup("[red]FAIL[/]"),
                new Text(check.Detail));
        }

        console.Write(table);
        console.WriteLine($"Test learner: {(report.TestLearnerId is null ? "none" : $"{report.TestLearnerId}, {report.TestLearnerCleanup}")}");
    }

    private static async Task<bool> WriteReportAsync(VerifyReport report, string directory, TextWriter errors, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "verify.json"), JsonSerializer.Serialize(report, Json), ct);
            await File.WriteAllTextAsync(Path.Combine(directory, "verify.md"), ToMarkdown(report), ct);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Cannot write the report to '{directory}': {ex.Message}");
            return false;
        }
    }

    public static string ToMarkdown(VerifyReport report)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# bmo verify: {(report.Passed ? "passed" : "FAILED")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- API: {report.Url}");
        if (report.AiUrl is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- AI role: {report.AiUrl}");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- Started: {report.StartedAt:u}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Test learner: {report.TestLearnerId ?? "none"} ({report.TestLearnerCleanup})");
        md.AppendLine();
        md.AppendLine("| Check | Result | Detail |");
        md.AppendLine("|---|---|---|");
        foreach (var check in report.Checks)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {check.Name} | {(check.Passed ? "pass" : "FAIL")} | {check.Detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        var baselines = report.Checks.Where(c => c.Latency is not null).ToList();
        if (baselines.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Performance baseline");
            md.AppendLine();
            md.AppendLine("| Route | Requests | Failed | p50 ms | p95 ms | p99 ms | max ms | p95 limit ms |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var check in baselines)
            {
                var l = check.Latency!;
                md.AppendLine(CultureInfo.InvariantCulture, $"| {check.Name} | {l.Requests} | {l.Failed} | {l.P50Ms:0.0} | {l.P95Ms:0.0} | {l.P99Ms:0.0} | {l.MaxMs:0.0} | {l.ThresholdP95Ms:0} |");
            }
        }

        return md.ToString();
    }

    /// <summary>One request, its answer as JSON or a one-line reason it has none. Never throws for transport errors.</summary>
    private sealed class Probe(HttpClient http, TimeSpan timeout)
    {
        public bool LastHadNoJsonAnswer { get; private set; }

        public async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            using (request)
            {
                var uri = request.RequestUri!;
                var stopwatch = Stopwatch.StartNew();
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(timeout);
                LastHadNoJsonAnswer = true;
                string text;
                int status;
                string? mediaType;
                try
                {
                    using var response = await http.SendAsync(request, cts.Token);
                    status = (int)response.StatusCode;
                    mediaType = response.Content.Headers.ContentType?.MediaType;
                    text = await response.Content.ReadAsStringAsync(cts.Token);
                }
                // InvalidOperationException: a content type naming a charset .NET cannot decode.
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    return new Answer(0, null, stopwatch.Elapsed.TotalMilliseconds, Describe(ex, uri, timeout));
                }

                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                try
                {
                    if (JsonNode.Parse(text) is JsonObject body)
                    {
                        LastHadNoJsonAnswer = false;
                        return new Answer(status, body, elapsed, null);
                    }
                }
                catch (JsonException)
                {
                    // Falls through to the message below.
                }

                var preview = text.Length > 60 ? text[..60] + "…" : text;
                preview = preview.ReplaceLineEndings(" ").Trim();
                return new Answer(status, null, elapsed,
                    $"{request.Method} {uri.AbsolutePath} answered {status} with {mediaType ?? "no content type"} that is not a JSON object: '{preview}' (is this URL a BMO deployment?)");
            }
        }

        public static string Describe(Exception ex, Uri uri, TimeSpan timeout) => ex switch
        {
            OperationCanceledException => string.Create(CultureInfo.InvariantCulture, $"no answer from {uri.GetLeftPart(UriPartial.Path)} within {timeout.TotalSeconds:0.###} s"),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } e =>
                $"TLS handshake with {uri.Authority} failed ({Innermost(e).Message.TrimEnd('.')}); is it plain http, or is the certificate untrusted?",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => $"cannot resolve the host name '{uri.Host}'",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } e => $"cannot connect to {uri.Authority} ({Innermost(e).Message.TrimEnd('.')})",
            _ => $"{uri.GetLeftPart(UriPartial.Path)}: {Innermost(ex).Message}",
        };

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }
    }

    private sealed record Answer(int Status, JsonObject? Body, double ElapsedMs, string? Failure)
    {
        public string Describe(int expected) => Failure
            ?? (Status == expected ? $"unexpected answer {Body?.ToJsonString()}" : $"answered {Status}, expected {expected}: {Truncate(Body?["detail"]?.ToString() ?? Body?["title"]?.ToString() ?? Body?.ToJsonString())}");

        private static string? Truncate(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;
    }
}
