using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Ai.Text;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Tests.Lessons;

/// <summary>
/// What the offline generator asks about and what it puts around the question: a fact its passage states as a
/// sentence, text from the passages about the topic only, a scenario that does not name an option, one customer.
/// </summary>
public sealed class QuizFairnessTests
{
    private static RetrievedChunk Chunk(long id, string headingPath, string text, double similarity) =>
        new(id, DocumentOf(headingPath), headingPath.Split(" > ")[0], headingPath, text, (int)id, null, null, similarity, similarity, false, []);

    /// <summary>One document per guide (the first part of the heading path).</summary>
    private static Guid DocumentOf(string headingPath) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(headingPath.Split(" > ")[0]))[..16]);

    private static readonly RetrievedChunk LadderList = Chunk(
        1, "Site Safety Rules > Ladder checks",
        """
        Ladder checks on site:
        - Inspect every ladder before use and again every 7 days while it stays on site.
        - Replace a damaged ladder rung within 2 days of finding the damage.
        - Record each detailed ladder inspection in the site log every 30 days.
        - Remove a ladder that fails its inspection from service within 24 hours.
        """,
        0.82);

    private static readonly RetrievedChunk LadderProse = Chunk(
        2, "Site Safety Rules > Ladder inspections",
        "A detailed ladder inspection is done by a competent person every 6 months. Workers report a damaged ladder to the site supervisor within 1 day. "
        + "A ladder tagged as unsafe stays out of use for at least 14 days while it is repaired. Inspection records for each ladder are kept on site for 3 years.",
        0.80);

    [Theory]
    [InlineData(Difficulty.Beginner)]
    [InlineData(Difficulty.Intermediate)]
    [InlineData(Difficulty.Advanced)]
    public async Task The_question_is_asked_on_a_sentence_its_passage_states_not_on_a_list_item_run_into_its_neighbours(Difficulty difficulty)
    {
        var chunks = new[] { LadderList, LadderProse };
        var draft = await new OfflineLessonGenerator().GenerateAsync(new LessonGenerationContext("ladder inspections", difficulty, null, chunks), CancellationToken.None);

        // Read as prose (as a reader or an embedding of the passage's sentences sees it), the list is one long run-on
        // sentence: a quiz on one item would claim a fragment of it. The claim must be a whole sentence of a cited passage.
        var claim = QuizText.Normalize(QuizText.Claim(draft.QuizQuestion, draft.QuizOptions[draft.CorrectAnswer]));
        var sentences = chunks.Where(c => draft.SourceChunkIds.Contains(c.ChunkId))
            .SelectMany(c => SentenceSplitter.Split(c.Text.ReplaceLineEndings(" "))).Select(QuizText.Normalize).ToList();
        Assert.Contains(claim, sentences);
    }

    [Fact]
    public void A_list_item_does_not_stand_alone_in_its_passage_and_a_prose_sentence_does()
    {
        var item = new CandidateSentence("Replace a damaged ladder rung within 2 days of finding the damage.", LadderList, 0, 2, 1);
        var prose = new CandidateSentence("Workers report a damaged ladder to the site supervisor within 1 day.", LadderProse, 1, 1, 1);

        Assert.False(OfflineLessonGenerator.StandsAlone(item));
        Assert.True(OfflineLessonGenerator.StandsAlone(prose));
    }

    [Theory]
    [InlineData(Difficulty.Beginner)]
    [InlineData(Difficulty.Intermediate)]
    [InlineData(Difficulty.Advanced)]
    public async Task The_lesson_takes_no_sentence_from_a_neighbouring_passage_about_something_else(Difficulty difficulty)
    {
        var chargebacks = Chunk(
            10, "Card Disputes > Chargebacks",
            "A chargeback is a reversal of a card payment that the card issuer orders on behalf of the cardholder. "
            + "The cardholder must raise a chargeback within 120 days of the transaction date. "
            + "The merchant has 45 days to answer a chargeback with evidence. "
            + "Most chargebacks are settled within 90 days of being raised.",
            0.85);
        var alerts = Chunk(
            11, "Card Security > Transaction alerts",
            "Transaction alerts send the cardholder a message within 30 seconds of every card payment. "
            + "Administrators can set an alert threshold for each employee card in the online banking portal. "
            + "Alert messages are kept in the portal for 13 months so the business can review its spending. "
            + "A locked card can be unlocked in the portal at any time by the account administrator.",
            0.78);
        var chunks = new[] { chargebacks, alerts };
        var draft = await new OfflineLessonGenerator().GenerateAsync(new LessonGenerationContext("chargebacks", difficulty, null, chunks), CancellationToken.None);

        // Key points never come from the other guide; its sentences reach the text only to mention a wrong option
        // (so that spotting the value in the text does not give the answer away), never as filler.
        var offTopic = SentenceSplitter.Split(alerts.Text).Select(s => s.TrimEnd('.')).ToList();
        var wrong = draft.QuizOptions.Where((_, i) => i != draft.CorrectAnswer).ToList();
        Assert.All(draft.KeyPoints, k => Assert.DoesNotContain(offTopic, s => s.Contains(k.TrimEnd('.'), StringComparison.Ordinal)));
        Assert.All(
            offTopic.Where(s => draft.Content.Contains(s, StringComparison.Ordinal)),
            s => Assert.Contains(wrong, o => QuestionWriter.WordAt(s, o) >= 0));
    }

    [Fact]
    public void The_scenario_is_about_a_term_of_the_fact_that_no_option_names()
    {
        var chunk = Chunk(20, "Card Fees > Employee cards", "Business cards may also charge a fee for each additional employee card, either annually or once when the card is issued.", 0.9);
        var fact = new CandidateSentence(chunk.Text, chunk, 0, 0, 1);
        var glossary = KnowledgeGlossary.Build(["An employee card is a card issued to a member of staff on the business account.", "An annual fee is a charge made each year for keeping the account open."]);

        Assert.Equal("employee card", OfflineLessonGenerator.Subject(fact, glossary, ["annual fee", "application", "chargeback", "table"]));
        Assert.NotEqual("employee card", OfflineLessonGenerator.Subject(fact, glossary, ["employee card", "application", "chargeback", "table"]));
    }
}
