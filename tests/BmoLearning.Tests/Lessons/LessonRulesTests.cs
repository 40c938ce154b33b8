using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Ai.Text;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Hosting;

namespace BmoLearning.Tests.Lessons;

public sealed class LessonRulesTests
{
    private static LessonDraft Valid() => new(
        "Short content about grace periods.",
        ["One.", "Two.", "Three."],
        "A scenario.",
        "Which statement is accurate?",
        ["A.", "B.", "C.", "D."],
        2,
        "Because.",
        [7]);

    [Fact]
    public void A_valid_draft_has_no_errors() => Assert.Empty(LessonValidator.Validate(Valid(), [7]));

    [Fact]
    public void Each_broken_rule_is_reported()
    {
        var draft = Valid() with
        {
            Content = string.Join(' ', Enumerable.Repeat("word", 201)),
            KeyPoints = ["Only one."],
            QuizOptions = ["A.", "a.", "C.", "D."],
            CorrectAnswer = 4,
            SourceChunkIds = [7, 99],
        };
        var errors = LessonValidator.Validate(draft, [7]);
        Assert.Contains(errors, e => e.Contains("201 words", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("key_points", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("not distinct", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("correct_answer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("99", StringComparison.Ordinal));
    }

    [Fact]
    public void A_draft_without_sources_is_invalid() =>
        Assert.Contains("no sources are cited", LessonValidator.Validate(Valid() with { SourceChunkIds = [] }, [7]));

    // Distractors used to be the answer with a "not" inserted (the guessable quiz of issue 11); that writer is gone.
    // Key points are now cut to at most 20 words at a clause boundary, and never before a condition.
    [Theory]
    [InlineData("The APR is the yearly cost of borrowing.", "The APR is the yearly cost of borrowing.")]
    [InlineData("Interest is the price of borrowing on the card account, which depends on the balance carried and for how long it is carried.",
        "Interest is the price of borrowing on the card account.")]
    [InlineData("Fees are posted to the account balance and charged each cycle at the rate in the fee schedule; they then attract interest like purchases.",
        "Fees are posted to the account balance and charged each cycle at the rate in the fee schedule.")]
    public void Key_points_are_cut_at_a_clause_to_twenty_words(string sentence, string expected) =>
        Assert.Equal(expected, KeyPointWriter.Trim(sentence));

    [Fact]
    public void A_long_sentence_whose_only_cut_drops_a_condition_is_not_a_key_point() =>
        Assert.Null(KeyPointWriter.Trim("Purchases made during the current billing cycle do not attract any interest at all on most business cards if the previous statement balance was paid in full by its due date."));

    [Fact]
    public void Sentences_split_without_breaking_abbreviations()
    {
        var sentences = SentenceSplitter.Split("Fees vary, e.g. annual fees. The U.S. rules differ! Is that so? Yes.");
        Assert.Equal(["Fees vary, e.g. annual fees.", "The U.S. rules differ!", "Is that so?", "Yes."], sentences);
    }

    [Fact]
    public void Keyword_queries_drop_stop_words_and_quote_terms()
    {
        Assert.Equal("\"grace\" OR \"period\"", KeywordQuery.ToFts5("What is the grace period?"));
        Assert.Null(KeywordQuery.ToFts5("what is the"));
        Assert.Equal("\"drop\" OR \"table\"", KeywordQuery.ToFts5("\"; DROP TABLE --"));
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement_between_rankings()
    {
        var fused = HybridRanker.Fuse([1, 2, 3], [3, 4, 1]);
        Assert.True(fused[1] > fused[2]);
        Assert.True(fused[3] > fused[4]);
    }

    [Fact]
    public void Mmr_prefers_a_different_passage_over_a_near_duplicate()
    {
        float[] a = [1, 0], nearA = [0.99f, 0.141f], b = [0, 1];
        var vectors = new Dictionary<long, float[]> { [1] = a, [2] = nearA, [3] = b };
        var relevance = new Dictionary<long, double> { [1] = 1.0, [2] = 0.95, [3] = 0.8 };
        Assert.Equal([1L, 3L], HybridRanker.SelectDiverse(relevance, id => vectors[id], 2, lambda: 0.5));
    }

    [Theory]
    [InlineData("easy", Difficulty.Beginner)]
    [InlineData(" Intermediate ", Difficulty.Intermediate)]
    [InlineData("hard", Difficulty.Advanced)]
    public void Difficulty_names_and_aliases_parse(string value, Difficulty expected)
    {
        Assert.True(DifficultyNames.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Unknown_difficulty_does_not_parse() => Assert.False(DifficultyNames.TryParse("expert", out _));

    [Fact]
    public void Topic_keys_ignore_case_and_spacing() =>
        Assert.Equal(LearningPath.KeyFor("Credit   Limits "), LearningPath.KeyFor("credit limits"));

    [Theory]
    [InlineData("all", Roles.All)]
    [InlineData("api,worker", Roles.Api | Roles.Worker)]
    [InlineData("AI", Roles.Ai)]
    public void Roles_parse(string value, Roles expected) => Assert.Equal(expected, RoleNames.Parse(value));

    [Theory]
    [InlineData("web")]
    [InlineData("api,nope")]
    [InlineData("7")]
    public void Unknown_roles_do_not_parse(string value) => Assert.Null(RoleNames.Parse(value));
}
