using System.Net.Http.Json;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation.Remote;

/// <summary>
/// Generates lessons on the AI role over HTTP, sending the chunks already retrieved so both sides cite the same
/// ids. The HttpClient carries the resilience pipeline (timeouts, retries with jitter, circuit breaker); any
/// failure surfaces as an exception and <see cref="LessonPipeline"/> falls back to the offline generator.
/// </summary>
public sealed class RemoteLessonGenerator(IHttpClientFactory http) : IPipelineBackedGenerator
{
    public const string HttpClientName = "ai-service";
    public const string GeneratorName = "ai-service";

    public string Name => GeneratorName;

    public string Version => "1";

    public async Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        var request = new GenerateLessonRequest(
            context.Topic,
            LearnerId: null,
            context.Difficulty.ToApi(),
            context.Chunks.Select(c => new ContextChunk(c.ChunkId, c.DocumentId, c.DocumentTitle, c.HeadingPath, c.Text, c.PageStart, c.PageEnd, c.Similarity)).ToList())
        {
            // Without it the AI role pitched every lesson at a "new" learner while the worker's cache key held the real stage.
            LearnerProfile = context.Learner is { } learner ? new LearnerProfileBody(learner.QuestionsAnswered, learner.QuizAccuracy) : null,
        };
        var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync("api/v1/generate-lesson", request, AiServiceJson.Options, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The AI service answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<GenerateLessonResponse>(AiServiceJson.Options, ct)
            ?? throw new InvalidOperationException("The AI service returned an empty body.");
        var lesson = body.Lesson;
        var content = lesson.Disclaimer is { } disclaimer && lesson.Content.EndsWith(disclaimer, StringComparison.Ordinal)
            ? lesson.Content[..^disclaimer.Length].TrimEnd()
            : lesson.Content;
        return new LessonDraft(content, lesson.KeyPoints, lesson.Scenario, lesson.QuizQuestion, lesson.QuizOptions, lesson.CorrectAnswer,
            lesson.Explanation, body.Sources.Select(s => s.ChunkId).ToList())
        {
            GeneratorName = body.Metadata.Generator,
            GeneratorVersion = body.Metadata.GeneratorVersion,
            FallbackReason = body.Metadata.FallbackReason,
            Disclaimer = lesson.Disclaimer,
            Usage = body.Usage.Model is null ? null
                : new GenerationUsage(body.Usage.Model, body.Usage.InputTokens, body.Usage.OutputTokens, body.Usage.EstimatedCostUsd, body.Usage.Cached),
            SafetyIssues = body.SafetyCheck.Issues,
        };
    }
}
