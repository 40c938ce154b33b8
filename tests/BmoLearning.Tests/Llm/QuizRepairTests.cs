using BmoLearning.Ai.Generation;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Llm;

/// <summary>The LLM path runs the quiz quality checks: a guessable quiz is repaired once with the reasons, then falls back.</summary>
public sealed class QuizRepairTests : IDisposable
{
    private readonly FakeModelServer _fake = new();

    public void Dispose() => _fake.Dispose();

    [Theory]
    [InlineData(FakeReply.NegatedDistractors, "negation_only_distractor")]
    [InlineData(FakeReply.LongestAnswer, "tell_longest")]
    [InlineData(FakeReply.OverlapTell, "tell_overlap")]
    public async Task A_guessable_quiz_is_repaired_with_its_reasons(FakeReply bad, string code)
    {
        _fake.Then(bad);
        using var harness = GenerationHarness.Create(_fake, "openai");

        var draft = await harness.GenerateAsync();

        Assert.Equal(LlmLessonGenerator.GeneratorName, draft.GeneratorName);
        Assert.Null(draft.FallbackReason);
        Assert.Equal(2, _fake.ChatCalls);
        Assert.True(_fake.Prompts.Any(p => p.Contains("cannot be used yet", StringComparison.Ordinal) && p.Contains($"quiz ({code})", StringComparison.Ordinal)),
            string.Join("\n---\n", _fake.Prompts.Select(p => p[Math.Max(0, p.Length - 700)..])));
        Assert.Empty(QuizQualityChecker.Check(new QuizItem(draft.QuizQuestion, draft.QuizOptions, draft.CorrectAnswer)));
    }

    [Theory]
    [InlineData(FakeReply.NegatedDistractors, "negation_only_distractor")]
    [InlineData(FakeReply.LongestAnswer, "tell_longest")]
    [InlineData(FakeReply.OverlapTell, "tell_overlap")]
    public async Task A_quiz_still_guessable_after_the_repair_falls_back_to_the_offline_generator(FakeReply bad, string code)
    {
        _fake.DefaultReply = bad;
        using var harness = GenerationHarness.Create(_fake, "anthropic");

        var draft = await harness.GenerateAsync();

        Assert.Equal(LessonPipeline.FallbackGeneratorName, draft.GeneratorName);
        Assert.Contains($"quiz ({code})", draft.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(2, _fake.ChatCalls);
        Assert.Empty(LessonValidator.Validate(draft, [101, 102, 103]));
    }

    [Fact]
    public async Task The_negation_tell_is_named_when_the_answer_is_the_only_option_without_one()
    {
        using var harness = GenerationHarness.Create(_fake, "openai");
        var generator = harness.Services.GetRequiredService<LlmLessonGenerator>();
        var context = GenerationHarness.Context();
        var reply = FakeModelServer.LessonJson(LessonPrompt.UserPrompt(context));
        var node = System.Text.Json.Nodes.JsonNode.Parse(reply)!;
        node["quiz_options"] = new System.Text.Json.Nodes.JsonArray(
            (string)node["quiz_options"]![0]!, "Interest is never charged on any business card.", "The due date cannot be changed by the owner.", "Statements are not sent to employees.");

        var (draft, problems) = await generator.CheckAsync(node.ToJsonString(), context, CancellationToken.None);

        Assert.Null(draft);
        Assert.Contains(problems, p => p.Contains("quiz (tell_negation)", StringComparison.Ordinal));
    }
}
