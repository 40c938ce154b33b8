using BmoLearning.Safety.Pii;

namespace BmoLearning.Safety.Tests.Pii;

public sealed class PiiDetectorTests
{
    private readonly PiiDetector _detector = new();

    [Theory]
    [InlineData("Write to jane.doe@example.com today", PiiType.Email, "jane.doe@example.com")]
    [InlineData("Call (416) 555-0199 now", PiiType.Phone, "(416) 555-0199")]
    [InlineData("Call +1 416 555 0199 now", PiiType.Phone, "+1 416 555 0199")]
    [InlineData("Desk +442079460958 in London", PiiType.Phone, "+442079460958")]
    [InlineData("SSN 512-34-7781 on file", PiiType.Ssn, "512-34-7781")]
    [InlineData("SIN 626 018 154 on file", PiiType.Sin, "626 018 154")]
    [InlineData("Card 4111-1111-1111-1111 declined", PiiType.Card, "4111-1111-1111-1111")]
    [InlineData("IBAN GB82 WEST 1234 5698 7654 32 received", PiiType.Iban, "GB82 WEST 1234 5698 7654 32")]
    [InlineData("Account number 00012-003-1234567 closed", PiiType.BankAccount, "00012-003-1234567")]
    public void Finds_each_type_with_its_exact_span(string text, PiiType type, string value)
    {
        var finding = Assert.Single(_detector.Detect(text));

        Assert.Equal(type, finding.Type);
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
        Assert.InRange(finding.Confidence, 0.5, 1.0);
    }

    [Theory]
    [InlineData("666-12-3456")]
    [InlineData("000-12-3456")]
    [InlineData("912-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    public void Ssn_validity_rules_reject_impossible_numbers(string ssn)
    {
        Assert.Empty(_detector.Detect($"SSN {ssn}"));
    }

    [Theory]
    [InlineData("SIN 626 018 155")] // Luhn-invalid
    [InlineData("NAS 626018155")]
    [InlineData("Copy 046 454 286 into the notes")] // Luhn-valid but unlabelled, and 0 is not issued as a first digit
    [InlineData("Copy 812 345 676 into the notes")] // likewise 8
    public void Sin_rules_reject_luhn_invalid_and_unlabelled_unissued_numbers(string text)
    {
        Assert.Empty(_detector.Detect(text));
    }

    // The Government of Canada's own sample SIN starts with 0: a label and the checksum are enough.
    [Theory]
    [InlineData("Her SIN is 046 454 286", "046 454 286")]
    [InlineData("SIN 812 345 676", "812 345 676")]
    [InlineData("NAS : 046454286", "046454286")]
    [InlineData("Social insurance number 046-454-286", "046-454-286")]
    [InlineData("Son numéro d'assurance sociale est le 046 454 286.", "046 454 286")]
    public void A_labelled_luhn_valid_sin_is_found_even_with_an_unissued_first_digit(string text, string value)
    {
        AssertSingle(text, PiiType.Sin, value);
    }

    // Issue 10: an ordinary word before the number ("record" also names identifiers) hid all four.
    [Theory]
    [InlineData("Update the record with 4749510693330595 today.", PiiType.Card, "4749510693330595")]
    [InlineData("Update the record with 130 692 544 today.", PiiType.Sin, "130 692 544")]
    [InlineData("Update the record with 123-45-6789 today.", PiiType.Ssn, "123-45-6789")]
    [InlineData("Update the record with 416-555-0199 today.", PiiType.Phone, "416-555-0199")]
    [InlineData("Update the record with (514) 555-0199 today.", PiiType.Phone, "(514) 555-0199")]
    [InlineData("Mettez à jour le dossier avec 514 555-0199 aujourd'hui.", PiiType.Phone, "514 555-0199")]
    [InlineData("Téléphone : +1 (514) 555 0199", PiiType.Phone, "+1 (514) 555 0199")]
    [InlineData("Numéro de carte : 4111 1111 1111 1111", PiiType.Card, "4111 1111 1111 1111")]
    [InlineData("Courriel : marie.dubois@example.ca", PiiType.Email, "marie.dubois@example.ca")]
    [InlineData("Numéro de compte 1234567", PiiType.BankAccount, "1234567")]
    public void Personal_data_in_an_ordinary_sentence_is_found(string text, PiiType type, string value)
    {
        AssertSingle(text, type, value);
    }

    [Theory]
    [InlineData("Le solde est de 1 234,56 $.")]
    [InlineData("Ticket 123-456-782 was closed.")] // a label naming the number itself still decides
    [InlineData("Model 416-555-0199 is out of stock.")]
    [InlineData("Order 4749510693330596 shipped.")] // one digit off: not Luhn-valid
    public void Look_alikes_named_as_something_else_are_not_flagged(string text)
    {
        Assert.Empty(_detector.Detect(text));
    }

    private void AssertSingle(string text, PiiType type, string value)
    {
        var finding = Assert.Single(_detector.Detect(text));
        Assert.Equal(type, finding.Type);
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
        Assert.Equal(text.Replace(value, PiiTypeInfo.RedactionToken(type), StringComparison.Ordinal), new PiiRedactor(_detector).Redact(text));
    }

    [Fact]
    public void A_bare_nine_digit_number_needs_a_label()
    {
        Assert.Empty(_detector.Detect("Use code 626018154 at checkout"));
        Assert.Equal(PiiType.Sin, Assert.Single(_detector.Detect("SIN 626018154")).Type);
        Assert.Equal(PiiType.Ssn, Assert.Single(_detector.Detect("social security number 512347781")).Type);
    }

    [Fact]
    public void The_nearest_label_decides_what_a_number_is()
    {
        Assert.Equal(PiiType.BankAccount, Assert.Single(_detector.Detect("Order for account 12345678")).Type);
        Assert.Empty(_detector.Detect("Account holder, order 12345678"));
    }

    [Fact]
    public void Card_followed_by_another_group_is_still_found()
    {
        const string text = "Card 4111 1111 1111 1111 123 was used";

        var finding = Assert.Single(_detector.Detect(text));

        Assert.Equal("4111 1111 1111 1111", text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public void Findings_are_ordered_and_never_overlap()
    {
        const string text = "Call +1 416 555 0199 or email a@example.com; card 5555 5555 5555 4444, IBAN DE89370400440532013000";

        var findings = _detector.Detect(text);

        Assert.Equal([PiiType.Phone, PiiType.Email, PiiType.Card, PiiType.Iban], findings.Select(f => f.Type));
        for (var i = 1; i < findings.Count; i++)
        {
            Assert.True(findings[i - 1].End <= findings[i].Start);
        }
    }

    // Catastrophic backtracking would turn these 50 KB inputs into a RegexMatchTimeoutException.
    [Fact]
    public void Hostile_input_is_scanned_without_timing_out()
    {
        var digits = new string('4', 50_000);
        var atSigns = string.Concat(Enumerable.Repeat("a.b-c_d@", 6_000));
        var groups = string.Concat(Enumerable.Repeat("1234 ", 10_000));

        Assert.Empty(_detector.Detect(digits));
        Assert.Empty(_detector.Detect(atSigns));
        Assert.Empty(_detector.Detect(groups));
    }
}
