using System.Globalization;
using System.Text;

namespace BmoLearning.Safety.Pii;

/// <summary>One expected piece of personal data in a labelled sample.</summary>
public sealed record PiiLabel(PiiType Type, string Value);

/// <summary>A labelled text: what the detector should find in it (nothing, for a look-alike).</summary>
public sealed record PiiLabelledSample(int Line, string Text, IReadOnlyList<PiiLabel> Expected);

/// <summary>Counts and ratios for one type or overall. With nothing to measure, a ratio is 1.</summary>
public sealed record PiiMetrics(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>A false positive (<see cref="Missed"/> false) or a false negative (<see cref="Missed"/> true).</summary>
public sealed record PiiEvaluationError(int Line, PiiType Type, bool Missed, string Text);

/// <summary>Figures for a labelled set: per type, overall, and every miss or false alarm by line.</summary>
public sealed record PiiEvaluationResult(
    int Samples,
    PiiMetrics Overall,
    IReadOnlyDictionary<PiiType, PiiMetrics> ByType,
    IReadOnlyList<PiiEvaluationError> Errors)
{
    /// <summary>A Markdown table of the figures, for benchmark reports.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Samples: {Samples}");
        sb.AppendLine();
        sb.AppendLine("| Type | TP | FP | FN | Precision | Recall |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (type, m) in ByType)
        {
            Row(sb, type.ToString(), m);
        }

        Row(sb, "**Overall**", Overall);
        return sb.ToString();

        static void Row(StringBuilder sb, string name, PiiMetrics m) =>
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {m.TruePositives} | {m.FalsePositives} | {m.FalseNegatives} | {m.Precision:0.000} | {m.Recall:0.000} |");
    }
}
