namespace BmoLearning.Safety.Pii;

/// <summary>
/// Precision and recall of <see cref="PiiDetector"/> over a labelled TSV file: <c>text TAB expected</c>, where
/// expected is <c>-</c> or <c>Type=value|Type=value</c>. A finding counts only if its type matches and its span
/// covers the whole expected value (so redacting it would remove all of it).
/// </summary>
public static class PiiEvaluation
{
    public static PiiEvaluationResult Evaluate(string path) => Evaluate(Load(path), new PiiDetector());

    public static PiiEvaluationResult Evaluate(IEnumerable<PiiLabelledSample> samples, PiiDetector detector)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(detector);
        var counts = Enum.GetValues<PiiType>().ToDictionary(t => t, _ => new int[3]); // tp, fp, fn
        var errors = new List<PiiEvaluationError>();
        var sampleCount = 0;
        foreach (var sample in samples)
        {
            sampleCount++;
            var findings = detector.Detect(sample.Text).ToList();
            var searchFrom = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var label in sample.Expected)
            {
                var start = sample.Text.IndexOf(label.Value, searchFrom.GetValueOrDefault(label.Value), StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new FormatException($"Line {sample.Line}: expected value is not in the text.");
                }

                searchFrom[label.Value] = start + label.Value.Length;
                var end = start + label.Value.Length;
                var hit = findings.FindIndex(f => f.Type == label.Type && f.Start <= start && f.End >= end);
                if (hit >= 0)
                {
                    counts[label.Type][0]++;
                    findings.RemoveAt(hit);
                }
                else
                {
                    counts[label.Type][2]++;
                    errors.Add(new PiiEvaluationError(sample.Line, label.Type, Missed: true, sample.Text));
                }
            }

            foreach (var extra in findings)
            {
                counts[extra.Type][1]++;
                errors.Add(new PiiEvaluationError(sample.Line, extra.Type, Missed: false, sample.Text));
            }
        }

        var byType = counts.ToDictionary(kv => kv.Key, kv => new PiiMetrics(kv.Value[0], kv.Value[1], kv.Value[2]));
        var overall = new PiiMetrics(
            byType.Values.Sum(m => m.TruePositives),
            byType.Values.Sum(m => m.FalsePositives),
            byType.Values.Sum(m => m.FalseNegatives));
        return new PiiEvaluationResult(sampleCount, overall, byType, errors);
    }

    public static IReadOnlyList<PiiLabelledSample> Load(string path)
    {
        var samples = new List<PiiLabelledSample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(Parse(line, lineNumber));
        }

        return samples;
    }

    public static PiiLabelledSample Parse(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tab = line.LastIndexOf('\t');
        if (tab <= 0)
        {
            throw new FormatException($"Line {lineNumber}: expected 'text<TAB>labels'.");
        }

        var text = line[..tab];
        var expected = line[(tab + 1)..].Trim();
        var labels = new List<PiiLabel>();
        if (expected != "-")
        {
            foreach (var part in expected.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !Enum.TryParse<PiiType>(part[..eq], ignoreCase: true, out var type))
                {
                    throw new FormatException($"Line {lineNumber}: bad label '{part}'.");
                }

                labels.Add(new PiiLabel(type, part[(eq + 1)..]));
            }
        }

        return new PiiLabelledSample(lineNumber, text, labels);
    }
}
