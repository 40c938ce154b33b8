using System.Diagnostics;
using BmoLearning.Core.Telemetry;
using BmoLearning.Tests.Infrastructure;
using BmoLearning.Tests.Llm;
using BmoLearning.Tests.Security;

namespace BmoLearning.Tests.Telemetry;

/// <summary>
/// Issue 16: one lesson request is one trace across the api role, the job queue, the worker and the AI role (W3C
/// trace context in the Hangfire job parameter and on the HTTP call), and telemetry carries no personal data or prompt.
/// </summary>
public sealed class TracePropagationTests : IDisposable
{
    private const string AiKey = "test-ai-service-key-0123456789";
    private const string LearnerEmail = "trace.learner.7c1f@example.com";
    private const string LearnerName = "Quentin Tracewell";

    private readonly FakeModelServer _fake = new();
    private readonly SpanCapture _spans = new();
    private readonly BmoAppFactory _ai;
    private readonly BmoAppFactory _api;
    private readonly LogCapture _aiLogs;
    private readonly LogCapture _apiLogs;

    public TracePropagationTests()
    {
        _ai = _spans.Attach(new BmoAppFactory()
            .With("Bmo:Roles", "ai")
            .With("AiService:ApiKey", AiKey)
            .With("Ai:Provider", "openai")
            .With("Ai:OpenAI:ApiKey", "test-openai-key")
            .With("Ai:OpenAI:BaseUrl", _fake.OpenAiBaseUrl)
            .With("Ai:Safety:Moderation", "false"));
        _ai.UseKestrel(0);
        using var aiClient = _ai.CreateClient();
        _api = _spans.Attach(new BmoAppFactory()
            .With("Bmo:Roles", "api,worker")
            .With("AiService:Url", aiClient.BaseAddress!.ToString())
            .With("AiService:ApiKey", AiKey));
        _aiLogs = LogCapture.Attach(_ai);
        _apiLogs = LogCapture.Attach(_api);
    }

    public void Dispose()
    {
        _api.Dispose();
        _ai.Dispose();
        _fake.Dispose();
    }

    [Fact]
    public async Task A_lesson_request_is_one_trace_from_the_api_through_the_worker_to_the_ai_role()
    {
        var client = _api.CreateAdminClient();
        var learnerId = (string)(await client.CreateLearnerAsync(LearnerEmail, LearnerName))["id"]!;
        var request = await client.RequestLessonAsync(learnerId, "APR");
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);
        Assert.Equal("ready", (string?)done["status"]);
        Assert.Equal("llm", (string?)done["lesson"]!["generator"]);

        var api = await _spans.WaitForAsync(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("request_lesson", StringComparison.Ordinal));
        var job = await _spans.WaitForAsync(s => s.TraceId == api.TraceId && s.DisplayName == "job LessonGenerationJob.RunAsync");
        var trace = _spans.InTrace(api.TraceId);
        var names = string.Join(", ", trace.Select(s => s.DisplayName));

        // The job span's parent is the api's request (through the job parameter), not a new root.
        Assert.True(trace.Any(s => s.SpanId == job.ParentSpanId), $"the job's parent is not in the trace: {names}");
        Assert.Contains(trace, s => s.DisplayName == "lesson.retrieve");
        var aiServer = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("generate-lesson", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.SpanId == aiServer.ParentSpanId);
        var chat = Assert.Single(trace, s => s.DisplayName.StartsWith("chat ", StringComparison.Ordinal));
        Assert.Equal("openai", chat.GetTagItem("gen_ai.system"));
        Assert.Equal("gpt-4o-mini", chat.GetTagItem("gen_ai.request.model"));
        Assert.True((long)chat.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.True((long)chat.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.NotEmpty((string[])chat.GetTagItem("gen_ai.response.finish_reasons")!);
        // The delivery the lesson job queued continues the same trace.
        await _spans.WaitForAsync(s => s.TraceId == api.TraceId && s.DisplayName == "job DeliveryJob.RunAsync");
        trace = _spans.InTrace(api.TraceId);

        // Nothing personal or from the prompt: not the learner's email or name, not a line of what the model was sent.
        var promptLines = _fake.Prompts.SelectMany(p => p.Split('\n')).Select(l => l.Trim()).Where(l => l.Length >= 30).Distinct().ToList();
        Assert.NotEmpty(promptLines);
        foreach (var text in trace.SelectMany(SpanCapture.Texts))
        {
            Assert.DoesNotContain(LearnerEmail, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(LearnerName, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(promptLines, line => text.Contains(line, StringComparison.Ordinal));
        }

        _apiLogs.AssertNone(LearnerEmail, LearnerName);
        _aiLogs.AssertNone(LearnerEmail, LearnerName);
        foreach (var line in _aiLogs.Lines.Concat(_apiLogs.Lines))
        {
            Assert.DoesNotContain(promptLines, l => line.Contains(l, StringComparison.Ordinal));
        }
    }
}
