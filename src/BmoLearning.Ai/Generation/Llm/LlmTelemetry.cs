using System.Diagnostics;
using System.Text.Json;
using BmoLearning.Core.Telemetry;
using BmoLearning.Safety.Pii;
using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>
/// One span per model call, with the OpenTelemetry GenAI semantic conventions' attributes (system, model, token
/// usage, finish reasons), and the token and cost metrics. Never the prompt or the completion by default: they quote
/// the knowledge base. With Ai:CaptureMessageContent on (for debugging a model's answers), the span carries both as
/// gen_ai.input.messages / gen_ai.output.messages after personal data is redacted (the passages in the prompt are
/// redacted before the call already; the completion is what the model wrote and is redacted here).
/// </summary>
internal static class LlmTelemetry
{
    public static Activity? StartChat(LlmChat chat, ChatOptions options)
    {
        var model = chat.Model ?? "unknown";
        var span = BmoTelemetry.Source.StartActivity($"chat {model}", ActivityKind.Client);
        if (span is null)
        {
            return null;
        }

        span.SetTag("gen_ai.operation.name", "chat");
        span.SetTag("gen_ai.system", chat.Provider.ToString().ToLowerInvariant());
        span.SetTag("gen_ai.request.model", model);
        span.SetTag("gen_ai.request.max_tokens", options.MaxOutputTokens);
        span.SetTag("gen_ai.request.temperature", options.Temperature);
        return span;
    }

    public static void RecordResponse(Activity? span, LlmChat chat, ChatResponse response, decimal? estimatedCost)
    {
        var model = chat.Model ?? "unknown";
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        if (span is not null)
        {
            span.SetTag("gen_ai.response.model", response.ModelId ?? model);
            span.SetTag("gen_ai.usage.input_tokens", input);
            span.SetTag("gen_ai.usage.output_tokens", output);
            span.SetTag("gen_ai.response.finish_reasons", new[] { FinishReason(response) });
            if (response.ResponseId is { } id)
            {
                span.SetTag("gen_ai.response.id", id);
            }
        }

        var modelTag = new KeyValuePair<string, object?>("gen_ai.request.model", model);
        BmoTelemetry.LlmTokens.Add(input, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
        BmoTelemetry.LlmTokens.Add(output, modelTag, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        if (estimatedCost is { } cost)
        {
            BmoTelemetry.LlmCost.Add((double)cost, modelTag);
        }
    }

    private static readonly PiiRedactor Redactor = new();

    /// <summary>The prompt, redacted, as the GenAI conventions' gen_ai.input.messages (JSON: role and text).</summary>
    public static void RecordPrompt(Activity? span, IEnumerable<ChatMessage> messages)
    {
        span?.SetTag("gen_ai.input.messages", JsonSerializer.Serialize(
            messages.Select(m => new { role = m.Role.Value, content = Redactor.Redact(m.Text) })));
    }

    /// <summary>The completion, redacted, as gen_ai.output.messages.</summary>
    public static void RecordCompletion(Activity? span, ChatResponse response)
    {
        span?.SetTag("gen_ai.output.messages", JsonSerializer.Serialize(
            response.Messages.Select(m => new { role = m.Role.Value, content = Redactor.Redact(m.Text), finish_reason = FinishReason(response) })));
    }

    private static string FinishReason(ChatResponse response) =>
        response.FinishReason is { } reason ? reason.Value : "unknown";
}
