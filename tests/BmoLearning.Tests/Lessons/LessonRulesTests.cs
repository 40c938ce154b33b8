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

    [Theory]
    [InlineData("The APR is the yearly cost of borrowing.", "The APR is not the yearly cost of borrowing.")]
    [InlineData("Most protections do not apply to business cards.", "Most protections do apply to business cards.")]
    [InlineData("A cardholder can dispute a charge.", "A cardholder cannot dispute a charge.")]
    [InlineData("High utilisation usually lowers a score.", "High utilisation rarely lowers a score.")]
    [InlineData("Payments must arrive by the due date.", "Payments need not arrive by the due date.")]
    public void Negation_flips_the_first_auxiliary(string sentence, string expected) =>
        Assert.Equal(expected, FalseStatementWriter.Negate(sentence));

    [Theory]
    [InlineData("Categories are usually decided by the merchant code, not by what was bought.")]
    [InlineData("There is no annual fee on some cards, so they can suit small firms.")]
    public void Negation_never_doubles_a_negative(string sentence) => Assert.Null(FalseStatementWriter.Negate(sentence));

    [Fact]
    public void Negation_of_a_sentence_without_an_auxiliary_is_null() =>
        Assert.Null(FalseStatementWriter.Negate("Interest accrues daily."));

    [Fact]
    public void Changing_a_number_keeps_the_rest_of_the_sentence()
    {
        var changed = FalseStatementWriter.ChangeNumber("Most agreements allow at least 21 days.", 0);
        Assert.Equal("Most agreements allow at least 42 days.", changed);
        Assert.Null(FalseStatementWriter.ChangeNumber("No digits here.", 0));
    }

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
