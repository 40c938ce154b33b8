using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Telemetry;
using BmoLearning.Safety;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>
/// Writes a lesson with a chat model: structured JSON against a schema, then checked for the lesson contract
/// (<see cref="LessonValidator"/>, citations only to the chunks given), grounding (each key point and the correct
/// answer supported by a cited chunk), the quiz quality checks (<see cref="QuizQualityChecker"/>) and the deterministic safety rules. One repair turn carries the problems back
/// to the model; if the second reply still fails, <see cref="LlmGenerationException"/> says why, and the caller falls back.
/// </summary>
public sealed class LlmLessonGenerator(
    LlmChat chat,
    IOptions<LlmOptions> options,
    GroundingChecker grounding,
    SafetyPipeline safety,
    ILogger<LlmLessonGenerator> logger) : ILessonGenerator
{
    public const string GeneratorName = "llm";
    public const int MaxAttempts = 2;

    private readonly LlmOptions _options = options.Value;

    public string Name => GeneratorName;

    public string Version => $"1.0.0+{chat.Describe()}";

    public async Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        var client = chat.Client ?? throw new InvalidOperationException("No language model is configured.");
        var messages = LessonPrompt.Build(context);
        var chatOptions = new ChatOptions
        {
            ResponseFormat = LlmLessonOutputFormat.ResponseFormat,
            MaxOutputTokens = _options.MaxOutputTokens,
            Temperature = _options.Temperature,
        };
        var inputTokens = 0L;
        var outputTokens = 0L;
        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            ChatResponse response;
            using (var span = LlmTelemetry.StartChat(chat, chatOptions))
            {
                if (_options.CaptureMessageContent)
                {
                    LlmTelemetry.RecordPrompt(span, messages);
                }

                try
                {
                    response = await client.GetResponseAsync(messages, chatOptions, ct);
                }
                catch (Exception ex)
                {
                    span.RecordFailure(ex);
                    throw;
                }

                var callModel = response.ModelId ?? chat.Model ?? "unknown";
                LlmTelemetry.RecordResponse(span, chat, response, EstimateCost(callModel, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0));
                if (_options.CaptureMessageContent)
                {
                    LlmTelemetry.RecordCompletion(span, response);
                }
            }

            inputTokens += response.Usage?.InputTokenCount ?? 0;
            outputTokens += response.Usage?.OutputTokenCount ?? 0;
            (var draft, problems) = await CheckAsync(response.Text, context, ct);
            if (draft is not null)
            {
                var model = response.ModelId ?? chat.Model ?? "unknown";
                return draft with
                {
                    GeneratorName = Name,
                    GeneratorVersion = Version,
                    Usage = new GenerationUsage(model, (int)inputTokens, (int)outputTokens, EstimateCost(model, inputTokens, outputTokens), Cached: false),
                };
            }

            logger.LogWarning("Model reply {Attempt} for a {Difficulty} lesson failed checks: {Problems}", attempt, context.Difficulty, string.Join("; ", problems));
            messages.AddRange(response.Messages);
            messages.Add(new ChatMessage(ChatRole.User, LessonPrompt.RepairPrompt(problems)));
        }

        throw new LlmGenerationException($"the model's lesson failed checks after one repair: {string.Join("; ", problems)}");
    }

    /// <summary>The draft when the reply passes every check; otherwise the problems, phrased for a repair turn.</summary>
    public async Task<(LessonDraft? Draft, IReadOnlyList<string> Problems)> CheckAsync(string? reply, LessonGenerationContext context, CancellationToken ct)
    {
        var (output, parseError) = LlmLessonOutputFormat.Parse<LlmLessonOutput>(reply);
        if (output is null)
        {
            return (null, [parseError!]);
        }

        var provided = context.Chunks.Select(c => c.ChunkId).ToList();
        var cited = output.KeyPoints.Select(k => k.SourceId).Append(output.AnswerSourceId).Distinct().ToList();
        var draft = new LessonDraft(
            output.Content.Trim(),
            output.KeyPoints.Select(k => k.Text.Trim()).ToList(),
            output.Scenario.Trim(),
            output.QuizQuestion.Trim(),
            output.QuizOptions.Select(o => o.Trim()).ToList(),
            output.CorrectAnswer,
            output.Explanation.Trim(),
            cited);
        var problems = LessonValidator.Validate(draft, provided).ToList();
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var chunks = context.Chunks.ToDictionary(c => c.ChunkId);
        problems.AddRange(await grounding.CheckAsync(Claims(output), chunks, ct));

        // The same quiz checks as the offline generator's (grounding above already judged the answer's support).
        var answerSource = chunks.TryGetValue(output.AnswerSourceId, out var source) ? [source.Text] : Array.Empty<string>();
        problems.AddRange(QuizQualityChecker.Check(new QuizItem(draft.QuizQuestion, draft.QuizOptions, draft.CorrectAnswer), answerSource, checkAnswerSupport: false)
            .Select(p => p.ToString()));

        var report = safety.Evaluate(LessonText.Join(draft), SafetyPurpose.GeneratedLesson);
        problems.AddRange(report.Issues.Where(i => i.Severity == SafetySeverity.Error).Select(i => $"safety ({i.Code}): {i.Message}"));
        return problems.Count == 0 ? (draft, problems) : (null, problems);
    }

    private static List<GroundingClaim> Claims(LlmLessonOutput output)
    {
        var claims = output.KeyPoints.Select((k, i) => new GroundingClaim($"key point {i + 1}", k.Text, [k.SourceId])).ToList();
        var answer = output.QuizOptions[output.CorrectAnswer];
        // A short option ("12 months") means little alone: judge it together with its question.
        var answerClaim = GroundingChecker.Words(answer, keepStopWords: false).Count() < 3 ? $"{output.QuizQuestion} {answer}" : answer;
        claims.Add(new GroundingClaim("the correct answer", answerClaim, [output.AnswerSourceId, .. output.KeyPoints.Select(k => k.SourceId)]));
        return claims;
    }

    private decimal? EstimateCost(string model, long input, long output)
    {
        var price = _options.Prices.TryGetValue(model, out var exact) ? exact
            : _options.Prices.Where(p => model.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Key.Length).Select(p => p.Value).FirstOrDefault();
        return price is null ? null : Math.Round(((input * price.InputPerMillion) + (output * price.OutputPerMillion)) / 1_000_000m, 6);
    }
}

/// <summary>The model could not produce a usable lesson; the message is the reason shown on the fallback lesson.</summary>
public sealed class LlmGenerationException(string message) : Exception(message);
