using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace BmoLearning.Ai.Generation.Llm;

/// <summary>The JSON a model must return for a lesson; its schema is sent as the response format.</summary>
public sealed record LlmLessonOutput(
    [property: Description("The lesson: 2-3 short paragraphs of plain language, at most 200 words.")] string Content,
    [property: Description("3-5 key points, each one sentence stated by the source it cites.")] IReadOnlyList<LlmKeyPoint> KeyPoints,
    [property: Description("A short, realistic workplace scenario that applies the lesson.")] string Scenario,
    [property: Description("One multiple-choice question on the lesson.")] string QuizQuestion,
    [property: Description("Exactly 4 distinct options; exactly one is correct.")] IReadOnlyList<string> QuizOptions,
    [property: Description("0-based index of the correct option.")] int CorrectAnswer,
    [property: Description("One sentence on why the correct option is correct.")] string Explanation,
    [property: Description("Id of the source that states the correct answer.")] long AnswerSourceId);

public sealed record LlmKeyPoint(
    [property: Description("The key point, close to the source's wording.")] string Text,
    [property: Description("Id of the source that states it.")] long SourceId);

/// <summary>Schema and lenient parsing of <see cref="LlmLessonOutput"/>: code fences and chatter around the object are tolerated, missing fields are not.</summary>
public static class LlmLessonOutputFormat
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static ChatResponseFormat ResponseFormat { get; } = ChatResponseFormat.ForJsonSchema(
        AIJsonUtilities.CreateJsonSchema(typeof(LlmLessonOutput), serializerOptions: Json),
        "micro_lesson",
        "A micro-lesson with key points, a scenario and one multiple-choice question, citing its sources by id.");

    /// <summary>The output, or the reason it could not be read (phrased for the model, which gets it back in a repair turn).</summary>
    public static (T? Output, string? Error) Parse<T>(string? text)
        where T : class
    {
        var json = ExtractObject(text);
        if (json is null)
        {
            return (null, "the reply does not contain a JSON object");
        }

        try
        {
            var output = JsonSerializer.Deserialize<T>(json, Json);
            return output is null ? (null, "the reply is JSON null") : (output, null);
        }
        catch (JsonException ex)
        {
            // The message names the path and problem, never more than the model itself wrote.
            var detail = ex.Message.Split(". Path:", 2)[0];
            return (null, $"the reply is not valid lesson JSON ({Truncate(detail, 200)}{(ex.Path is null ? string.Empty : $" at {ex.Path}")})");
        }
    }

    private static string? ExtractObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        return start < 0 || end <= start ? null : text[start..(end + 1)];
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "...";
}
