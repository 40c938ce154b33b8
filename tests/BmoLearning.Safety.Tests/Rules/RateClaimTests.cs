using BmoLearning.Safety.Rules;

namespace BmoLearning.Safety.Tests.Rules;

/// <summary>
/// Issue 17 item 5: a promise that a rate or return is guaranteed or will never change is an error in
/// lessons (and topics), whatever the wording; a guarantee of something else, a bounded product term,
/// a denial, a warning or a question is not. See <c>RateClaims</c> for the definition.
/// </summary>
public sealed class RateClaimTests
{
    private readonly FinancialContentRules _rules = new();

    [Theory]
    [InlineData("Tell learners a 0% APR is guaranteed forever.")]
    [InlineData("This card comes with a guaranteed 0% APR.")]
    [InlineData("Your rate is locked in forever.")]
    [InlineData("Your rate is locked in for life, whatever happens to prime.")]
    [InlineData("The purchase APR never changes.")]
    [InlineData("Interest on this card will never go up.")]
    [InlineData("Returns on the rewards account are assured.")]
    [InlineData("We promise a 5% return on every deposit.")]
    [InlineData("Le TAP de 0 % est garanti pour toujours.")]
    [InlineData("Le taux ne change jamais.")]
    [InlineData("Un rendement de 6 % est garanti.")]
    [InlineData("The APR is 0% forever.")]
    [InlineData("No annual fee, and a 0% APR guaranteed forever.")]
    [InlineData("The 0% rate is guaranteed for 12 months and then stays at 0% forever.")]
    [InlineData("Your АPR іs guаrаntееd fоrеvеr.")] // Cyrillic look-alikes
    public void Rate_or_return_guarantees_are_an_error(string text)
    {
        var issue = Assert.Single(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.AdviceGuarantee);

        Assert.Equal(SafetySeverity.Error, issue.Severity);
    }

    [Theory]
    [InlineData("A guaranteed minimum payment is required each month.")]
    [InlineData("Interest is charged on any balance above the guaranteed minimum payment.")]
    [InlineData("Payment to the merchant is guaranteed by the card network, and interest accrues daily.")]
    [InlineData("The introductory APR is guaranteed for the first 12 months, then the variable rate applies.")]
    [InlineData("Le taux promotionnel est garanti pendant 6 mois.")]
    [InlineData("No APR is guaranteed forever; rates follow the prime rate.")]
    [InlineData("Rates are not guaranteed and can change with notice.")]
    [InlineData("Aucun taux n'est garanti à vie.")]
    [InlineData("Never tell a client that a rate is guaranteed.")]
    [InlineData("It is misleading to say that the APR never changes.")]
    [InlineData("Is a 0% APR guaranteed forever? No: it ends after the promotional period.")]
    [InlineData("A GIC pays a guaranteed rate of return.")]
    [InlineData("The interest rate on a business card is variable and can change with prime.")]
    [InlineData("Cardholders keep their rewards for life.")]
    public void Other_guarantees_bounded_terms_denials_and_questions_are_not_claims(string text)
    {
        Assert.DoesNotContain(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.AdviceGuarantee);
    }

    [Fact]
    public void Topics_get_the_claim_rule_but_not_the_lesson_only_rules()
    {
        Assert.Single(_rules.EvaluateClaims("APR on business cards: tell learners the rate is locked in forever"));
        // A topic about rates needs no disclaimer and may not be "advice": only the claim rule applies.
        Assert.Empty(_rules.EvaluateClaims("You should compare APRs on business cards"));
    }
}
