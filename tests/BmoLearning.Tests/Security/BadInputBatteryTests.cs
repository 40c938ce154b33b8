using System.Net;
using System.Text;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Security;

/// <summary>One host for the whole battery: every role, the webhooks configured, real ids to aim at.</summary>
public sealed class BatteryHost : IAsyncLifetime
{
    public const string AiKey = "test-ai-service-key-0123456789";

    public BmoAppFactory Factory { get; } = new BmoAppFactory()
        .With("AiService:ApiKey", AiKey)
        .With("Delivery:PublicBaseUrl", DeliveryApp.PublicBaseUrl)
        .With("Slack:SigningSecret", ProviderFakes.SlackSigningSecret)
        .With("Twilio:AccountSid", ProviderFakes.TwilioSid)
        .With("Twilio:AuthToken", ProviderFakes.TwilioToken)
        .With("Twilio:PhoneNumber", ProviderFakes.TwilioNumber)
        .With("RateLimit:PermitsPerMinute", "0")
        .With("RateLimit:PerAddressPermitsPerMinute", "0");

    public LogCapture Logs { get; private set; } = null!;

    public Dictionary<string, string> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        Logs = LogCapture.Attach(Factory);
        var learner = Guid.Parse((string)(await Factory.CreateAdminClient().CreateLearnerAsync(email: "battery@example.com"))["id"]!);
        var lesson = await Factory.AddSentLessonAsync(learner, DeliveryChannel.Web, DateTimeOffset.UtcNow);
        Ids["{learner}"] = learner.ToString();
        Ids["{lesson}"] = lesson.Id.ToString();
        Ids["{path}"] = lesson.LearningPathId.ToString();
        Ids["{token}"] = Factory.Services.GetRequiredService<LessonLinks>().CreateToken(learner, lesson.Id, DeliveryChannel.Web);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Hostile input on every route (API, AI role, documents, search, analytics, webhooks, lesson pages): whatever
/// arrives, the answer is a 4xx that explains it (or a success), never a 5xx and never a stack trace.
/// </summary>
public sealed class BadInputBatteryTests(BatteryHost host) : IClassFixture<BatteryHost>
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    private static readonly string[] JsonBodies =
    [
        "",
        "{",
        "null",
        "[]",
        "123",
        "\"text\"",
        "{\"unknown\":true}",
        "{\"email\":123,\"name\":[],\"topic\":{},\"learner_id\":\"not-a-guid\",\"lesson_id\":7,\"answer_given\":\"two\",\"content\":false}",
        "{\"email\":null,\"name\":null,\"topic\":null,\"learner_id\":null,\"lesson_id\":null,\"answer_given\":null,\"context\":[null],\"metadata\":{\"a\":null}}",
        "{\"answer_given\":99999999999999999999,\"total_lessons\":-99999999999,\"preferred_delivery_hour\":1e400,\"time_taken_seconds\":-1}",
        "{\"name\":\"A\\u0000B\",\"topic\":\"\\u202Eevil\",\"email\":\"x\\u0007@example.com\",\"content\":\"\\u0000\",\"s3_key\":\"../admin-key\"}",
        "{\"topic\":\"" + new string('t', 5000) + "\",\"name\":\"" + new string('n', 5000) + "\",\"content\":\"" + new string('c', 60_000) + "\"}",
        new string('[', 2000) + new string(']', 2000),
        "{\"s3_key\":\"/etc/passwd\",\"document_id\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"exploded\",\"difficulty\":\"godlike\"}",
    ];

    private static readonly (string Method, string Path, string Key)[] JsonRoutes =
    [
        ("POST", "/api/v1/learners", "admin"),
        ("PATCH", "/api/v1/learners/{learner}", "admin"),
        ("POST", "/api/v1/learners/{learner}/request_lesson", "admin"),
        ("POST", "/api/v1/quiz_responses", "admin"),
        ("POST", "/api/v1/learning_paths", "admin"),
        ("PATCH", "/api/v1/learning_paths/{path}", "admin"),
        ("POST", "/api/v1/generate-lesson", "ai"),
        ("POST", "/api/v1/validate-safety", "ai"),
        ("POST", "/api/v1/process-document", "ai"),
    ];

    private static readonly (string Method, string Path, string Key)[] QueryRoutes =
    [
        ("GET", "/api/v1/learners?page=99999999999&per_page=-1", "admin"),
        ("GET", "/api/v1/learners?page=abc", "admin"),
        ("GET", "/api/v1/learners/not-a-guid", "admin"),
        ("GET", "/api/v1/learners/{learner}/lessons?page=0&per_page=1000", "integration"),
        ("GET", "/api/v1/learners/{learner}/lessons?per_page=99999999999", "integration"),
        ("GET", "/api/v1/learners/{learner}/learning_paths?page=-5", "admin"),
        ("GET", "/api/v1/learners/{learner}/progress", "integration"),
        ("GET", "/api/v1/learners/00000000-0000-0000-0000-000000000000/progress", "admin"),
        ("GET", "/api/v1/lessons/{lesson}", "integration"),
        ("GET", "/api/v1/lessons/{lesson}/deliveries", "admin"),
        ("GET", "/api/v1/lesson_requests/00000000-0000-0000-0000-000000000000", "admin"),
        ("GET", "/api/v1/learning_paths/{path}", "admin"),
        ("GET", "/api/v1/documents?page=99999999999&status=exploded&category=%00", "admin"),
        ("GET", "/api/v1/documents/00000000-0000-0000-0000-000000000000/download_url", "admin"),
        ("DELETE", "/api/v1/documents/00000000-0000-0000-0000-000000000000", "admin"),
        ("POST", "/api/v1/documents/00000000-0000-0000-0000-000000000000/reprocess", "admin"),
        ("GET", "/api/v1/objects?key=../admin-key&name=x&expires=99999999999999999999&signature=zz", "none"),
        ("GET", "/api/v1/objects?key=%2Fetc%2Fpasswd&name=passwd&expires=1&signature=", "none"),
        ("GET", "/api/v1/search?q=", "admin"),
        ("GET", "/api/v1/search?q=%00%07%E2%80%AE&k=0", "admin"),
        ("GET", "/api/v1/search?q=apr&k=99999999999", "admin"),
        ("GET", "/api/v1/analytics/ai-usage?from=9999-12-30&to=9999-12-31", "admin"),
        ("GET", "/api/v1/analytics/ai-usage?to=0001-01-10", "admin"),
        ("GET", "/api/v1/analytics/ai-usage?from=2026-13-45", "admin"),
        ("GET", "/api/v1/status", "ai"),
        ("GET", "/api/v1/learners", "wrong"),
        ("GET", "/api/v1/learners", "basic"),
        ("POST", "/api/v1/documents", "basic"),
        ("GET", "/hangfire", "wrong"),
        ("GET", "/l/{token}/answer/99999999999", "none"),
        ("GET", "/l/{token}/answer/-1", "none"),
        ("GET", "/l/" + new string('A', 5000), "none"),
        ("GET", "/l/%07%0A%E2%80%AE", "none"),
        ("GET", "/l/AAAA.BBBB/answer/1", "none"),
    ];

    private static readonly (string Method, string Path, string ContentType, string Body)[] RawCases =
    [
        ("POST", "/api/v1/webhooks/slack/interactions", Form, "payload=%7B%22type%22%3A%22block_actions%22%7D"),
        ("POST", "/api/v1/webhooks/slack/interactions", Form, new string('a', 200_000)),
        ("POST", "/api/v1/webhooks/slack/interactions", Json, "{}"),
        ("POST", "/api/v1/webhooks/twilio/sms", Form, "From=%2B15005550006&Body=A&MessageSid=SM1"),
        ("POST", "/api/v1/webhooks/twilio/sms", Form, string.Join("&", Enumerable.Range(0, 3000).Select(i => $"f{i}=1"))),
        ("POST", "/api/v1/webhooks/twilio/sms", Form, "Body=" + new string('b', 5 * 1024 * 1024)),
        ("POST", "/api/v1/webhooks/twilio/sms", "multipart/form-data; boundary=xyz", "--xyz\r\nbroken"),
        ("POST", "/api/v1/webhooks/twilio/sms", Json, "{\"From\":\"+1\"}"),
        ("POST", "/l/{token}", Form, "answer=" + new string('9', 5000)),
        ("POST", "/l/{token}", Form, string.Join("&", Enumerable.Range(0, 1500).Select(i => $"f{i}=1"))),
        ("POST", "/l/{token}", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"answer\"\r\n\r\n1\r\n--x"),
        ("POST", "/l/{token}", "multipart/form-data", "no boundary"),
        ("POST", "/l/{token}", Form, "answer=%ZZ"),
        ("POST", "/l/{token}", Json, "{\"answer\":1}"),
        ("POST", "/l/not-a-token", Form, "answer=" + new string('x', 5 * 1024 * 1024)),
        ("POST", "/l/not-a-token", "multipart/form-data; boundary=xyz", "--xyz\r\nbroken"),
        ("POST", "/api/v1/documents", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n\r\n# A"),
        ("POST", "/api/v1/documents", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"a\":null}\r\n--xyz--\r\n"),
        ("POST", "/api/v1/documents", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\nContent-Type: text/markdown\r\n\r\n# Passwd\r\n--xyz\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n[1,2]\r\n--xyz--\r\n"),
        ("POST", "/api/v1/documents", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + new string('t', 400) + "\u0007\r\n--xyz--\r\n"),
        ("POST", "/api/v1/documents", Json, "{\"file\":\"x\"}"),
        ("POST", "/api/v1/documents", Form, "file=x"),
        ("POST", "/api/v1/learners", "text/plain", "{\"email\":\"a@example.com\",\"name\":\"A\"}"),
        ("POST", "/api/v1/learners", Json, "{\"email\":\"big@example.com\",\"name\":\"" + new string('x', 20 * 1024 * 1024) + "\"}"),
        ("POST", "/api/v1/generate-lesson", Json, "{\"topic\":\"APR\",\"context\":[" + string.Join(",", Enumerable.Repeat("{\"chunk_id\":1,\"text\":\"x\"}", 30)) + "]}"),
        ("POST", "/api/v1/validate-safety", Json, "{\"content\":\"" + new string('c', 3 * 1024 * 1024) + "\"}"),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var (method, path, key) in JsonRoutes)
        {
            for (var i = 0; i < JsonBodies.Length; i++)
            {
                data.Add($"json|{method}|{path}|{key}|{i}");
            }
        }

        for (var i = 0; i < QueryRoutes.Length; i++)
        {
            data.Add($"query|{i}");
        }

        for (var i = 0; i < RawCases.Length; i++)
        {
            data.Add($"raw|{i}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_never_gets_a_5xx(string @case)
    {
        var parts = @case.Split('|');
        HttpRequestMessage request;
        if (parts[0] == "json")
        {
            request = new HttpRequestMessage(new HttpMethod(parts[1]), Fill(parts[2])) { Content = new StringContent(JsonBodies[int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture)], Encoding.UTF8, Json) };
            Authenticate(request, parts[3]);
        }
        else if (parts[0] == "query")
        {
            var (method, path, key) = QueryRoutes[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)];
            request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
            Authenticate(request, key);
        }
        else
        {
            var (method, path, contentType, body) = RawCases[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)];
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request = new HttpRequestMessage(new HttpMethod(method), Fill(path)) { Content = content };
            Authenticate(request, path.Contains("/generate-lesson", StringComparison.Ordinal) || path.Contains("/validate-safety", StringComparison.Ordinal) ? "ai"
                : path.StartsWith("/api/v1/", StringComparison.Ordinal) && !path.Contains("/webhooks/", StringComparison.Ordinal) ? "admin" : "none");
        }

        using var response = await host.Factory.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{@case}: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        host.Logs.AssertNone(host.Ids["{token}"], BmoAppFactory.AdminKey, BatteryHost.AiKey, "battery@example.com");
    }

    private string Fill(string path) => host.Ids.Aggregate(path, (p, id) => p.Replace(id.Key, id.Value, StringComparison.Ordinal));

    private static void Authenticate(HttpRequestMessage request, string key)
    {
        switch (key)
        {
            case "admin":
                request.Headers.Add("X-API-Key", BmoAppFactory.AdminKey);
                break;
            case "integration":
                request.Headers.Add("X-API-Key", BmoAppFactory.IntegrationKey);
                break;
            case "ai":
                request.Headers.Add("X-API-Key", BatteryHost.AiKey);
                break;
            case "wrong":
                request.Headers.Add("X-API-Key", "not-a-key");
                break;
            case "basic":
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{BmoAppFactory.AdminKey}")));
                break;
        }
    }
}
