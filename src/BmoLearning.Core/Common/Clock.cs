namespace BmoLearning.Core.Common;

public static class Clock
{
    /// <summary>
    /// Now, truncated to the millisecond: what the database stores, so an entity reads back equal to what was written.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
