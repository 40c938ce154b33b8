using System.Diagnostics;
using BmoLearning.Tests.Llm;

namespace BmoLearning.Tests.Telemetry;

/// <summary>LLM spans follow the OpenTelemetry GenAI conventions on both providers, and carry no prompt or completion.</summary>
public sealed class LlmSpanTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("BmoLearning.Tests.LlmSpans");

    private readonly FakeModelServer _fake = new();

    public void Dispose() => _fake.Dispose();

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-4-5")]
    public async Task Each_model_call_is_a_client_span_with_gen_ai_attributes(string provider, string model)
    {
        var spans = new SpanCapture();
        using var tracing = spans.StartProvider(TestSource.Name);
        using var harness = GenerationHarness.Create(_fake, provider);
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test")!)
        {
            traceId = root.TraceId;
            await harness.GenerateAsync();
        }

        var chat = Assert.Single(spans.InTrace(traceId), s => s.DisplayName == $"chat {model}");
        Assert.Equal(ActivityKind.Client, chat.Kind);
        Assert.Equal("chat", chat.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(provider, chat.GetTagItem("gen_ai.system"));
        Assert.Equal(model, chat.GetTagItem("gen_ai.request.model"));
        Assert.True((long)chat.GetTagItem("gen_ai.usage.input_tokens")! > 0);
        Assert.True((long)chat.GetTagItem("gen_ai.usage.output_tokens")! > 0);
        Assert.Equal("stop", Assert.Single((string[])chat.GetTagItem("gen_ai.response.finish_reasons")!));
        var generate = Assert.Single(spans.InTrace(traceId), s => s.DisplayName == "lesson.generate");
        Assert.Equal("llm", generate.GetTagItem("bmo.generator"));

        var context = GenerationHarness.Context();
        var secrets = context.Chunks.Select(c => c.Text[..40]).Append(context.LearnerName).ToList();
        foreach (var text in spans.InTrace(traceId).SelectMany(SpanCapture.Texts))
        {
            Assert.DoesNotContain(secrets, s => s is not null && text.Contains(s, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_failing_model_marks_the_span_failed_and_the_fallback_carries_its_reason_class()
    {
        _fake.DefaultReply = FakeReply.ServerError;
        var spans = new SpanCapture();
        using var tracing = spans.StartProvider(TestSource.Name);
        using var harness = GenerationHarness.Create(_fake, "openai", ("Ai:Resilience:MaxRetries", "0"));
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test")!)
        {
            traceId = root.TraceId;
            await harness.GenerateAsync();
        }

        var chat = Assert.Single(spans.InTrace(traceId), s => s.DisplayName == "chat gpt-4o-mini");
        Assert.Equal(ActivityStatusCode.Error, chat.Status);
        var generate = Assert.Single(spans.InTrace(traceId), s => s.DisplayName == "lesson.generate");
        Assert.Equal("offline-fallback", generate.GetTagItem("bmo.generator"));
        Assert.NotNull(generate.GetTagItem("bmo.fallback.reason"));
    }

    [Fact]
    public async Task By_default_the_span_carries_neither_the_prompt_nor_the_completion()
    {
        var spans = new SpanCapture();
        using var tracing = spans.StartProvider(TestSource.Name);
        using var harness = GenerationHarness.Create(_fake, "openai");
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test")!)
        {
            traceId = root.TraceId;
            await harness.GenerateAsync();
        }

        var chat = Assert.Single(spans.InTrace(traceId), s => s.DisplayName == "chat gpt-4o-mini");
        Assert.Null(chat.GetTagItem("gen_ai.input.messages"));
        Assert.Null(chat.GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task When_enabled_the_span_carries_the_prompt_and_completion_with_personal_data_redacted()
    {
        _fake.DefaultReply = FakeReply.WithCardNumber;
        var spans = new SpanCapture();
        using var tracing = spans.StartProvider(TestSource.Name);
        using var harness = GenerationHarness.Create(_fake, "openai", ("Ai:CaptureMessageContent", "true"));
        var context = GenerationHarness.Context(extra: GenerationHarness.Chunk(104, "Contacts",
            "Questions about a disputed charge go to card.disputes@bank.example or to the card centre."));
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test")!)
        {
            traceId = root.TraceId;
            await harness.GenerateAsync(context);
        }

        var chat = spans.InTrace(traceId).First(s => s.DisplayName == "chat gpt-4o-mini");
        var prompt = (string)chat.GetTagItem("gen_ai.input.messages")!;
        var completion = (string)chat.GetTagItem("gen_ai.output.messages")!;
        using var promptJson = System.Text.Json.JsonDocument.Parse(prompt);
        Assert.Contains(promptJson.RootElement.EnumerateArray(), m => m.GetProperty("role").GetString() == "system");
        Assert.Contains("Disputed charges must be reported within 60 days", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("card.disputes@bank.example", prompt, StringComparison.Ordinal);
        Assert.Contains("[REDACTED_EMAIL]", prompt, StringComparison.Ordinal);
        Assert.Contains("[REDACTED_CARD]", completion, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}", completion);
    }
}
