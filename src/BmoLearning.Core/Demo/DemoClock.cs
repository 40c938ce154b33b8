namespace BmoLearning.Core.Demo;

/// <summary>The clock demo data runs on: every service reads it, and the generator moves it over the simulated days.</summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
