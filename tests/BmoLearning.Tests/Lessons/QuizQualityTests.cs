using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Tests.Lessons;

/// <summary>The quiz checks on hand-made bad quizzes (each must be caught), the guessing strategies, coherence and the glossary.</summary>
public sealed class QuizQualityTests
{
    private const string Source = "Disputed charges must be reported within 60 days of the statement date. The grace period is usually at least 21 days.";

    private static readonly QuizItem Good = new(
        "Which answer completes this statement from the lesson? \"Disputed charges must be reported within ____ of the statement date.\"",
        ["30 days", "60 days", "90 days", "14 days"], 1);

    private static IReadOnlyList<string> Codes(QuizItem quiz, IReadOnlyList<string>? sources = null) =>
        QuizQualityChecker.Check(quiz, sources).Select(p => p.Code).ToList();

    [Fact]
    public void A_fair_quiz_passes_every_check() => Assert.Empty(Codes(Good, [Source]));

    [Fact]
    public void The_only_option_without_a_negation_is_caught()
    {
        var quiz = new QuizItem("Which statement about disputes is accurate?", [
            "Disputed charges are not reported to the issuer.",
            "Disputed charges must be reported within 60 days.",
            "Disputed charges cannot be reported online.",
            "Disputed charges are never refunded."], 1);
        Assert.Contains("tell_negation", Codes(quiz));
    }

    [Fact]
    public void A_distractor_that_is_the_answer_with_not_is_caught()
    {
        var quiz = new QuizItem("Which statement about disputes is accurate?", [
            "Disputed charges must be reported within 60 days.",
            "Disputed charges must not be reported within 60 days.",
            "Refunds arrive within two statement cycles.",
            "The issuer may ask for a receipt."], 0);
        Assert.Contains("negation_only_distractor", Codes(quiz));
    }

    [Fact]
    public void A_clearly_longest_correct_option_is_caught()
    {
        var quiz = new QuizItem("How long does a cardholder have to dispute a charge?", [
            "One week.", "Within 60 days of the date of the statement on which the charge first appeared.", "One year.", "Never."], 1);
        var codes = Codes(quiz);
        Assert.Contains("tell_longest", codes);
        Assert.Contains("length_outlier", codes);
    }

    [Fact]
    public void A_clearly_shortest_correct_option_is_caught()
    {
        var quiz = new QuizItem("How long does a cardholder have to dispute a charge?", [
            "Until the end of the next full billing cycle after the charge.",
            "60 days.",
            "As long as the card account remains open and in good standing.",
            "Only until the merchant has been paid by the card network."], 1);
        Assert.Contains("tell_shortest", Codes(quiz));
    }

    [Fact]
    public void The_option_repeating_the_question_is_caught()
    {
        var quiz = new QuizItem("When must disputed charges on a business card statement be reported?", [
            "Disputed charges on the statement must be reported within 60 days.",
            "Whenever the owner remembers to call.",
            "Only once a refund has been refused.",
            "After the merchant has closed its shop."], 0);
        Assert.Contains("tell_overlap", Codes(quiz));
    }

    [Fact]
    public void Distractors_that_each_vary_the_answer_differently_are_caught()
    {
        // Each wrong option changes a different part of the answer, so the answer is the one most like all the others.
        var quiz = new QuizItem("Which statement is accurate?", [
            "Owners report disputed charges within 60 days.",
            "Merchants report disputed charges within 60 days.",
            "Owners settle disputed charges within 60 days.",
            "Owners report disputed refunds within 90 days."], 0);
        Assert.Contains("tell_similarity", Codes(quiz));
    }

    [Fact]
    public void Duplicates_wrong_counts_and_all_of_the_above_are_caught()
    {
        Assert.Contains("duplicate_options", Codes(Good with { Options = ["30 days", "60 days", "30 Days", "14 days"] }));
        Assert.Contains("option_count", Codes(Good with { Options = ["30 days", "60 days", "90 days"] }));
        Assert.Contains("all_none_of_the_above", Codes(Good with { Options = ["30 days", "60 days", "90 days", "All of the above"] }));
    }

    [Fact]
    public void An_answer_the_source_does_not_state_is_caught() =>
        Assert.Contains("answer_unsupported", Codes(Good with { Options = ["30 days", "45 days", "90 days", "14 days"] }, [Source]));

    [Fact]
    public void A_wrong_option_the_source_states_is_caught()
    {
        var quiz = new QuizItem("Which answer completes this statement from the lesson? \"The grace period is usually at least ____.\"", ["21 days", "60 days", "90 days", "14 days"], 1);
        Assert.Contains("distractor_supported", Codes(quiz, [Source]));
    }

    [Fact]
    public void Strategies_pick_what_a_surface_guesser_would()
    {
        var quiz = new QuizItem("Which is true?", ["A short one.", "A much longer option than any other here.", "Not this one here.", "Not that one there."], 1);
        Assert.Equal([1], GuessStrategies.Picks(GuessStrategy.Longest, quiz));
        Assert.Equal([0], GuessStrategies.Picks(GuessStrategy.Shortest, quiz));
        Assert.Equal([0, 1, 2, 3], GuessStrategies.Picks(GuessStrategy.OnlyWithoutNegation, quiz));
        Assert.Equal([1], GuessStrategies.Picks(GuessStrategy.AppearsInLessonText, quiz, "We said a much longer option than any other here, once."));
        Assert.Equal(1.0, GuessStrategies.ExpectedAccuracy([1], 1));
        Assert.Equal(0.25, GuessStrategies.ExpectedAccuracy([0, 1, 2, 3], 1));
        Assert.Equal(0, GuessStrategies.ExpectedAccuracy([0], 1));
    }

    [Theory]
    [InlineData("Anyone comparing cards needs to look at both.", true)]
    [InlineData("This is one of the most common misunderstandings.", true)]
    [InlineData("However, the fee is waived in the first year.", true)]
    [InlineData("It is the statement balance, not the current balance.", true)]
    [InlineData("A grace period is the time between the closing date and the due date.", false)]
    [InlineData("Thirty days is the usual window.", false)]
    public void Orphan_references_are_recognised(string sentence, bool orphan) => Assert.Equal(orphan, LessonCoherence.IsOrphan(sentence));

    [Fact]
    public void Coherence_counts_orphans_repeats_and_long_key_points()
    {
        var draft = new LessonDraft(
            "Fees vary by card. Anyone comparing cards needs to look at both. Fees vary by card.",
            ["Fees vary by card.", "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone.", "Annual fees are charged once a year."],
            "Priya asks about fees. Annual fees are charged once a year.", "Q?", ["a", "b", "c", "d"], 0, "e", [1]);
        var report = LessonCoherence.Check(draft);
        Assert.Equal(1, report.OrphanReferences);
        Assert.Equal(2, report.RepeatedSentences);
        Assert.Equal(1, report.LongKeyPoints);
    }

    [Fact]
    public void Readability_grade_is_higher_for_longer_words_and_sentences()
    {
        var plain = Readability.FleschKincaidGrade("Pay the bill on time. The fee is low.");
        var dense = Readability.FleschKincaidGrade("Contractual obligations regarding revolving indebtedness necessitate comprehensive documentation of amortisation.");
        Assert.True(dense > plain + 5, $"{dense} vs {plain}");
    }

    [Fact]
    public void The_glossary_finds_terms_with_their_kinds_and_figures_with_theirs()
    {
        var glossary = KnowledgeGlossary.Build([
            "An annual fee is a charge for keeping the account open each year. The annual percentage rate, or APR, is the yearly cost of borrowing.",
            "- Billing cycle: the period during which transactions are gathered for one statement.\nThe usual rule is that the customer pays.",
            "Report disputes within 60 days. The rate is 19.99% and the fee is $95. Allow a 25-day grace period. Lifts above 25 kg need two people.",
        ]);

        Assert.Contains(glossary.Terms, t => t.Term == "annual fee" && t.Kind == "fee");
        Assert.Contains(glossary.Terms, t => t.Term == "APR" && t.Kind == "rate");
        Assert.Contains(glossary.Terms, t => t.Term == "Billing cycle" && t.Kind == "period");
        Assert.DoesNotContain(glossary.Terms, t => t.Term.Contains("usual", StringComparison.Ordinal));
        Assert.Contains(glossary.Values, v => v.Kind == "period" && v.Number == 60 && v.Unit == "day");
        Assert.Contains(glossary.Values, v => v.Kind == "period" && v.Number == 25 && v.Unit == "day");
        Assert.Contains(glossary.Values, v => v.Kind == "percentage" && v.Number == 19.99m);
        Assert.Contains(glossary.Values, v => v.Kind == "amount" && v.Number == 95);
        Assert.Contains(glossary.Values, v => v.Kind == "measure:kg" && v.Number == 25);
    }

    [Fact]
    public void The_glossary_does_not_depend_on_the_order_documents_arrive_in()
    {
        var texts = SafetyCorpus.Documents.Values.ToList();
        var forward = KnowledgeGlossary.Build(texts);
        texts.Reverse();
        var backward = KnowledgeGlossary.Build(texts);
        Assert.Equal(forward.Terms, backward.Terms);
        Assert.Equal(forward.Values.Select(v => v.Key), backward.Values.Select(v => v.Key));
        Assert.True(forward.Terms.Count >= 10, $"{forward.Terms.Count} terms");
    }

    [Fact]
    public void A_valid_draft_still_meets_the_lesson_contract() =>
        Assert.Empty(LessonValidator.Validate(new LessonDraft("c", ["a.", "b.", "c."], "s", "q", ["1", "2", "3", "4"], 0, "e", [1]), [1]));
}
