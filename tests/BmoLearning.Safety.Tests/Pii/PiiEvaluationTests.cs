using BmoLearning.Safety.Pii;

namespace BmoLearning.Safety.Tests.Pii;

public sealed class PiiEvaluationTests(ITestOutputHelper output)
{
    private static readonly string DataPath = Path.Combine(AppContext.BaseDirectory, "Data", "pii-labelled.tsv");

    [Fact]
    public void Labelled_set_has_at_least_600_samples_with_every_type_and_look_alikes()
    {
        var samples = PiiEvaluation.Load(DataPath);

        Assert.True(samples.Count >= 600, $"only {samples.Count} samples");
        var negatives = samples.Count(s => s.Expected.Count == 0);
        Assert.InRange(negatives, samples.Count * 0.4, samples.Count * 0.6);
        foreach (var type in Enum.GetValues<PiiType>())
        {
            Assert.True(samples.Count(s => s.Expected.Any(l => l.Type == type)) >= 10, $"fewer than 10 samples of {type}");
        }

        // The shapes issue 10 found missed must stay in the set.
        Assert.Contains(samples, s => s.Text == "Update the record with 4749510693330595 today.");
        Assert.Contains(samples, s => s.Text == "Her SIN is 046 454 286" && s.Expected.Single().Type == PiiType.Sin);
    }

    [Fact]
    public void Detector_reaches_098_precision_and_recall_on_the_labelled_set()
    {
        var result = PiiEvaluation.Evaluate(DataPath);

        output.WriteLine(result.ToMarkdown());
        foreach (var e in result.Errors)
        {
            output.WriteLine($"{(e.Missed ? "missed" : "false positive")} {e.Type} at line {e.Line}: {e.Text}");
        }

        Assert.True(result.Overall.Precision >= 0.98, $"precision {result.Overall.Precision:0.000}");
        Assert.True(result.Overall.Recall >= 0.98, $"recall {result.Overall.Recall:0.000}");
    }

    [Fact]
    public void Evaluation_counts_misses_false_alarms_and_partial_spans()
    {
        PiiLabelledSample[] samples =
        [
            PiiEvaluation.Parse("Mail jane@example.com now\tEmail=jane@example.com", 1),     // hit
            PiiEvaluation.Parse("No email here, only text\tEmail=only text", 2),             // missed
            PiiEvaluation.Parse("Card 4111 1111 1111 1111 in a negative\t-", 3),             // false alarm
            PiiEvaluation.Parse("SIN 626 018 154 and more\tSin=626 018 154 and", 4),         // span too short to cover the label
        ];

        var result = PiiEvaluation.Evaluate(samples, new PiiDetector());

        Assert.Equal(new PiiMetrics(1, 0, 1), result.ByType[PiiType.Email]);
        Assert.Equal(new PiiMetrics(0, 1, 0), result.ByType[PiiType.Card]);
        Assert.Equal(new PiiMetrics(0, 1, 1), result.ByType[PiiType.Sin]);
        Assert.Equal(1 / 3.0, result.Overall.Precision, 3);
        Assert.Equal(1 / 3.0, result.Overall.Recall, 3);
        Assert.Equal([2, 3, 4, 4], result.Errors.Select(e => e.Line).Order());
    }

    [Theory]
    [InlineData("no tab here")]
    [InlineData("text\tNotAType=value")]
    [InlineData("text\tEmail")]
    public void Malformed_lines_are_rejected(string line)
    {
        Assert.Throws<FormatException>(() => PiiEvaluation.Parse(line, 7));
    }

    [Fact]
    public void A_label_that_is_not_in_its_text_is_a_data_error()
    {
        var sample = PiiEvaluation.Parse("Mail jane@example.com\tEmail=john@example.com", 9);

        var error = Assert.Throws<FormatException>(() => PiiEvaluation.Evaluate([sample], new PiiDetector()));
        Assert.Contains("Line 9", error.Message, StringComparison.Ordinal);
    }
}
