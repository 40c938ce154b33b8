using BmoLearning.Safety.Pii;

namespace BmoLearning.Safety.Tests.Pii;

public sealed class PiiRedactorTests
{
    private readonly PiiRedactor _redactor = new();

    [Fact]
    public void Lesson_with_a_card_number_comes_back_with_no_digit_of_it_left()
    {
        const string lesson = "Sam read his card number, 4111 1111 1111 1111, aloud at the counter. What should the teller do?";

        var redacted = _redactor.Redact(lesson);

        Assert.Equal("Sam read his card number, [REDACTED_CARD], aloud at the counter. What should the teller do?", redacted);
        Assert.DoesNotContain(redacted, char.IsAsciiDigit);
    }

    [Fact]
    public void Each_type_gets_its_own_token()
    {
        const string text = "jane@example.com, (416) 555-0199, SSN 512-34-7781, SIN 626 018 154, "
            + "5555-5555-5555-4444, GB82 WEST 1234 5698 7654 32, account 12345678";

        var redacted = _redactor.Redact(text);

        Assert.Equal(
            "[REDACTED_EMAIL], [REDACTED_PHONE], SSN [REDACTED_SSN], SIN [REDACTED_SIN], "
            + "[REDACTED_CARD], [REDACTED_IBAN], account [REDACTED_ACCOUNT]",
            redacted);
    }

    [Fact]
    public void Text_without_personal_data_is_returned_unchanged()
    {
        const string text = "Invoice 20261125-003 for $1,250.00 is due 2026-12-01.";

        Assert.Same(text, _redactor.Redact(text));
    }

    [Fact]
    public void Overlapping_findings_are_rejected()
    {
        PiiFinding[] findings = [new(PiiType.Card, 0, 10, 0.9), new(PiiType.Phone, 5, 10, 0.9)];

        Assert.Throws<ArgumentException>(() => PiiRedactor.Redact("0123456789012345", findings));
    }
}
