using System.Text.RegularExpressions;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Lessons;

/// <summary>The offline generator over the real starter knowledge base, for the topics staff ask about.</summary>
public sealed class OfflineGeneratorTests : IAsyncLifetime
{
    public static readonly TheoryData<string, Difficulty> Topics = new()
    {
        { "APR", Difficulty.Beginner },
        { "grace periods", Difficulty.Intermediate },
        { "minimum payments", Difficulty.Advanced },
        { "credit utilisation", Difficulty.Beginner },
        { "credit limits", Difficulty.Intermediate },
        { "annual fees", Difficulty.Beginner },
        { "rewards points", Difficulty.Advanced },
        { "employee cards and spending controls", Difficulty.Intermediate },
        { "personal guarantee liability", Difficulty.Advanced },
        { "chargebacks", Difficulty.Beginner },
        { "statement reconciliation", Difficulty.Intermediate },
        { "business versus personal credit", Difficulty.Beginner },
        { "managing cash flow with a card", Difficulty.Advanced },
        { "disclosure rules", Difficulty.Intermediate },
        { "protecting cardholder data", Difficulty.Beginner },
        { "cash advances", Difficulty.Advanced },
    };

    private CoreServices _services = null!;

    public async Task InitializeAsync() => _services = await CoreServices.CreateAsync(seeded: true);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<(LessonDraft Draft, IReadOnlyList<RetrievedChunk> Chunks)> GenerateAsync(string topic, Difficulty difficulty)
    {
        await using var scope = _services.Scope();
        var chunks = await scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>().SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
        // The generator as the application wires it: with the glossary of the whole knowledge base for wrong options.
        var draft = await scope.ServiceProvider.GetRequiredService<OfflineLessonGenerator>().GenerateAsync(new LessonGenerationContext(topic, difficulty, "Test User", chunks), CancellationToken.None);
        return (draft, chunks);
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task Every_lesson_meets_the_contract_and_its_correct_answer_comes_from_a_cited_chunk(string topic, Difficulty difficulty)
    {
        var (draft, chunks) = await GenerateAsync(topic, difficulty);

        Assert.Empty(LessonValidator.Validate(draft, chunks.Select(c => c.ChunkId).ToList()));
        Assert.InRange(LessonValidator.CountWords(draft.Content), 40, LessonValidator.MaxContentWords);
        var cited = chunks.Where(c => draft.SourceChunkIds.Contains(c.ChunkId)).ToList();
        // The statement the correct option makes (the question's gap filled with it) is a sentence of a cited chunk.
        var answer = QuizText.Claim(draft.QuizQuestion, draft.QuizOptions[draft.CorrectAnswer]).TrimEnd('.');
        Assert.Contains(cited, c => c.Text.Contains(answer, StringComparison.OrdinalIgnoreCase));
        Assert.All(draft.KeyPoints, point => Assert.Contains(cited, c => c.Text.Contains(point.TrimEnd('.'), StringComparison.Ordinal)));
        Assert.All(draft.KeyPoints, point => Assert.InRange(LessonValidator.CountWords(point), 4, 20));
        Assert.Equal(new CoherenceReport(0, 0, 0), LessonCoherence.Check(draft));

        await using var scope = _services.Scope();
        var allText = await scope.ServiceProvider.GetRequiredService<AppDbContext>().KnowledgeChunks.Select(c => c.Text).ToListAsync();
        foreach (var wrong in draft.QuizOptions.Where((_, i) => i != draft.CorrectAnswer))
        {
            Assert.False(QuizText.HasNegation(wrong) && !QuizText.HasNegation(draft.QuizOptions[draft.CorrectAnswer]), $"negated distractor: {wrong}");

            // A wrong option must not make a statement of the knowledge base (as a whole sentence or list item).
            // A term question's options are terms, not statements: the quality checker below judges those.
            if (!draft.QuizQuestion.Contains(QuizText.Blank, StringComparison.Ordinal))
            {
                continue;
            }

            var statement = new Regex(Regex.Escape(QuizText.Claim(draft.QuizQuestion, wrong).TrimEnd('.')) + @"(?:[.!?;:]|\n|$)");
            Assert.DoesNotContain(allText, text => statement.IsMatch(text));
            // Never a "not" inserted into the answer: wrong options are other values, not negations.
            Assert.False(QuizText.HasNegation(wrong) && !QuizText.HasNegation(draft.QuizOptions[draft.CorrectAnswer]), $"negated distractor: {wrong}");
        }

        Assert.Empty(QuizQualityChecker.Check(new QuizItem(draft.QuizQuestion, draft.QuizOptions, draft.CorrectAnswer), cited.Select(c => c.Text).ToList()));
    }

    [Fact]
    public async Task The_same_knowledge_base_and_topic_give_the_same_lesson()
    {
        var first = await GenerateAsync("grace periods", Difficulty.Beginner);
        var second = await GenerateAsync("grace periods", Difficulty.Beginner);
        Assert.Equal(first.Draft.Content, second.Draft.Content);
        Assert.Equal(first.Draft.QuizOptions, second.Draft.QuizOptions);
        Assert.Equal(first.Draft.CorrectAnswer, second.Draft.CorrectAnswer);
    }

    [Fact]
    public async Task Harder_lessons_have_more_key_points()
    {
        var beginner = await GenerateAsync("fees", Difficulty.Beginner);
        var advanced = await GenerateAsync("fees", Difficulty.Advanced);
        Assert.Equal(3, beginner.Draft.KeyPoints.Count);
        Assert.Equal(5, advanced.Draft.KeyPoints.Count);
    }

    [Fact]
    public async Task The_correct_answer_is_not_always_in_the_same_position()
    {
        var positions = new HashSet<int>();
        foreach (var topic in new[] { "APR", "fees", "rewards", "chargebacks", "credit limits", "grace periods", "statements" })
        {
            positions.Add((await GenerateAsync(topic, Difficulty.Beginner)).Draft.CorrectAnswer);
        }

        Assert.True(positions.Count >= 2, "every lesson put the answer in the same place");
    }

    [Fact]
    public async Task No_chunks_means_no_lesson()
    {
        await Assert.ThrowsAsync<NoRelevantKnowledgeException>(() =>
            new OfflineLessonGenerator().GenerateAsync(new LessonGenerationContext("APR", Difficulty.Beginner, null, []), CancellationToken.None));
    }
}
