namespace BmoLearning.Core.Jobs;

/// <summary>
/// The one retry-delay policy of every job: the configured waits in seconds (the last repeats), each stretched by up
/// to <see cref="Jitter"/> at random so that the retries of a burst of failures do not all arrive together.
/// </summary>
public static class RetryBackoff
{
    public const double Jitter = 0.2;

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1, after that many failures (1 or more).</summary>
    public static TimeSpan Delay(IReadOnlyList<int> delaysSeconds, int failedAttempts, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(delaysSeconds.Count, nameof(delaysSeconds));
        var seconds = delaysSeconds[Math.Clamp(failedAttempts - 1, 0, delaysSeconds.Count - 1)];
        // Whole milliseconds: a due time stored by the database (microseconds in PostgreSQL) then equals the one scheduled.
        return TimeSpan.FromMilliseconds(Math.Round(seconds * 1000 * (1 + ((random ?? Random.Shared).NextDouble() * Jitter))));
    }
}
