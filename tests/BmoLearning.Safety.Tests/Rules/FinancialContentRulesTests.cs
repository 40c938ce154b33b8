using BmoLearning.Safety.Rules;

namespace BmoLearning.Safety.Tests.Rules;

public sealed class FinancialContentRulesTests
{
    private readonly FinancialContentRules _rules = new();

    [Theory]
    [InlineData("Given your income, you should take out a home equity loan to renovate.")]
    [InlineData("I recommend you borrow against your RRSP to cover the shortfall.")]
    [InlineData("In your situation, you should consolidate everything into one loan.")]
    [InlineData("My advice is to move everything into the premium account.")]
    [InlineData("The best credit card for you is the travel rewards card.")]
    [InlineData("You should definitely refinance before the rate changes.")]
    [InlineData("I would suggest that you invest your emergency fund in equities.")]
    [InlineData("You need to take out a personal loan to pay off those cards.")]
    [InlineData("If I were you, I would refinance now.")]
    [InlineData("I'd recommend you open a margin account.")]
    public void Personalised_advice_is_an_error(string text)
    {
        var issue = Assert.Single(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.AdvicePersonalised);

        Assert.Equal(SafetySeverity.Error, issue.Severity);
    }

    [Theory]
    [InlineData("This fund offers guaranteed returns of 12% a year.")]
    [InlineData("It is a risk-free investment with no downside.")]
    [InlineData("With this strategy you can't lose.")]
    [InlineData("Apply today for guaranteed approval, whatever your history.")]
    [InlineData("Our fund delivers guaranteed growth every year.")]
    [InlineData("There is zero risk in this product.")]
    [InlineData("Tell the client their investment is guaranteed to double.")]
    public void Guarantees_are_an_error(string text)
    {
        Assert.Contains(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.AdviceGuarantee && i.Severity == SafetySeverity.Error);
    }

    [Theory]
    [InlineData("Never promise a customer guaranteed returns on a market-linked product.")]
    [InlineData("Avoid phrases like 'you should take out a loan'; explain the options instead.")]
    [InlineData("A GIC pays a guaranteed return for a fixed term.")]
    [InlineData("Claims of risk-free investments are a red flag for fraud.")]
    [InlineData("Walk the customer through the costs so they can decide whether to borrow.")]
    [InlineData("You should always verify the customer's identity before discussing the account.")]
    [InlineData("Never say a return is guaranteed unless the product is a GIC.")]
    [InlineData("The customer may choose to borrow or to save first.")]
    public void Teaching_about_advice_is_not_advice(string text)
    {
        var issues = _rules.Evaluate(text);

        Assert.DoesNotContain(issues, i => i.Code is SafetyIssueCodes.AdvicePersonalised or SafetyIssueCodes.AdviceGuarantee);
    }

    [Theory]
    [InlineData("The card's APR is 20.99%, and purchases made abroad add a foreign transaction fee.")]
    [InlineData("Interest rates on lines of credit follow the prime rate.")]
    [InlineData("A credit decision takes into account income and existing debt.")]
    [InlineData("The annual fee is $120 but the first year is free.")]
    public void Rates_fees_and_credit_decisions_need_a_disclaimer(string text)
    {
        var issue = Assert.Single(_rules.Evaluate(text));

        Assert.Equal(SafetyIssueCodes.DisclaimerMissing, issue.Code);
        Assert.Equal(SafetySeverity.Warning, issue.Severity);
    }

    [Theory]
    [InlineData("The card's APR is 20.99%. This is general information only; rates and fees are subject to change.")]
    [InlineData("Interest rates on lines of credit follow the prime rate. For educational purposes only, not financial advice.")]
    [InlineData("A credit decision takes into account income and debt. Consult a qualified financial advisor.")]
    public void A_disclaimer_satisfies_the_rule(string text)
    {
        Assert.Empty(_rules.Evaluate(text));
    }

    [Fact]
    public void Text_without_rates_fees_or_credit_needs_no_disclaimer()
    {
        const string text = "Greet every customer by name and listen before you explain a product.";

        Assert.Empty(_rules.Evaluate(text));
        Assert.Same(text, FinancialContentRules.AppendDisclaimer(text));
    }

    [Fact]
    public void Appending_the_disclaimer_clears_the_issue_and_is_idempotent()
    {
        const string lesson = "The APR on a balance transfer is often lower for six months.";

        var once = FinancialContentRules.AppendDisclaimer(lesson);
        var twice = FinancialContentRules.AppendDisclaimer(once);

        Assert.EndsWith(FinancialContentRules.StandardDisclaimer, once, StringComparison.Ordinal);
        Assert.StartsWith(lesson, once, StringComparison.Ordinal);
        Assert.Equal(once, twice);
        Assert.DoesNotContain(_rules.Evaluate(once), i => i.Code == SafetyIssueCodes.DisclaimerMissing);
    }

    [Theory]
    [InlineData("Decline applications from single mothers because they are a higher risk.")]
    [InlineData("Offer immigrants a higher interest rate to cover the risk.")]
    [InlineData("Only approve the loan if the applicant is married.")]
    [InlineData("Applicants on welfare should be turned down for credit cards.")]
    [InlineData("Applicants over 65 are too old for a 25-year mortgage, so deny them.")]
    [InlineData("Set a lower credit limit for women applicants.")]
    [InlineData("Check the applicant's religion before approving the line of credit.")]
    [InlineData("Consider the applicant's national origin when deciding on the loan.")]
    [InlineData("Reject any applicant who is pregnant.")]
    [InlineData("Charge elderly customers a higher rate because they may not repay.")]
    [InlineData("Approve only customers who attend church.")]
    [InlineData("Black applicants should get lower limits.")]
    [InlineData("Don't lend to people with accents.")]
    public void Protected_characteristics_as_credit_criteria_are_an_error(string text)
    {
        Assert.Contains(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.Discrimination && i.Severity == SafetySeverity.Error);
    }

    [Theory]
    [InlineData("Lenders must never deny credit based on race, religion or marital status.")]
    [InlineData("Under the ECOA, receipt of public assistance cannot be used against an applicant.")]
    [InlineData("Evaluate every application with the same criteria, regardless of age or sex.")]
    [InlineData("Applicants under 18 cannot sign a credit agreement in most provinces.")]
    [InlineData("Newcomers to Canada often build credit history with a secured card.")]
    [InlineData("The length of credit history, including the age of accounts, affects a score.")]
    [InlineData("It is illegal to consider sex or marital status when approving credit.")]
    [InlineData("Older clients may prefer in-branch service.")]
    [InlineData("Women entrepreneurs can join the mentorship program.")]
    [InlineData("Married couples can open a joint account.")]
    [InlineData("Young people often start with a student card.")]
    public void Teaching_fair_lending_is_not_discrimination(string text)
    {
        Assert.DoesNotContain(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.Discrimination);
    }

    [Theory]
    [InlineData("Overdraft fees are a damn nuisance for customers.")]
    [InlineData("Only an idiot would miss a payment.")]
    [InlineData("This f*** up cost the branch a client.")]
    [InlineData("The bank is sh*t at this.")]
    public void Profanity_is_an_unprofessional_tone_error(string text)
    {
        Assert.Contains(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.Tone && i.Severity == SafetySeverity.Error);
    }

    [Theory]
    [InlineData("NEVER EVER SHARE YOUR CARD DETAILS WITH ANYONE.")]
    [InlineData("Pay on time!!! Late payments hurt.")]
    [InlineData("READ THIS CAREFULLY BEFORE THE QUIZ.")]
    public void Shouting_is_an_unprofessional_tone_warning(string text)
    {
        Assert.Contains(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.Tone && i.Severity == SafetySeverity.Warning);
    }

    [Theory]
    [InlineData("Compare the APR, the CVV rules and the RRSP or TFSA options with the customer.")]
    [InlineData("Hello! Shell companies and assets in a TFSA are covered in module 3.")]
    [InlineData("Use the BMO ATM network to avoid a surcharge.")]
    public void Acronyms_and_ordinary_words_are_not_unprofessional(string text)
    {
        Assert.DoesNotContain(_rules.Evaluate(text), i => i.Code == SafetyIssueCodes.Tone);
    }

    [Fact]
    public void A_well_formed_lesson_passes_every_rule()
    {
        var lesson = """
            Maya runs a small bakery and asks why her business card statement shows interest. Interest is charged
            when the balance is not paid in full by the due date, so paying the full statement balance each month
            avoids it. A grace period usually runs about 21 days from the statement date.

            Walk Maya through her statement, show where the due date appears, and let her decide how to manage
            payments. Which action avoids interest on new purchases?

            """ + FinancialContentRules.StandardDisclaimer;

        Assert.Empty(_rules.Evaluate(lesson));
    }
}
