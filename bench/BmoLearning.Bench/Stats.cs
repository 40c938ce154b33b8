using System.Globalization;

namespace BmoLearning.Bench;

/// <summary>Latency percentiles over a set of samples, in milliseconds.</summary>
internal sealed class Stats(IEnumerable<double> samplesMs)
{
    private readonly double[] _sorted = samplesMs.Order().ToArray();

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)Math.Ceiling(p * _sorted.Length) - 1)];

    public static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
