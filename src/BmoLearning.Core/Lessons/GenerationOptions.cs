using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Core.Lessons;

/// <summary>Lesson generation settings (section "Generation").</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Lowest cosine similarity between topic and best chunk for a lesson to be generated at all.</summary>
    [Range(0.0, 1.0)]
    public double MinRelevance { get; set; } = 0.3;

    /// <summary>Chunks retrieved as context for one lesson.</summary>
    [Range(3, 20)]
    public int RetrievalK { get; set; } = 6;

    /// <summary>Attempts before a lesson request is marked failed.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Waits between attempts, in seconds (the last value repeats); empty means <see cref="DefaultRetryDelaysSeconds"/>.
    /// Not initialised with the defaults: the configuration binder appends to an existing array instead of replacing it.
    /// </summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    public static IReadOnlyList<int> DefaultRetryDelaysSeconds { get; } = [10, 60, 300];

    /// <summary>The configured waits, or the defaults.</summary>
    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : DefaultRetryDelaysSeconds;

    /// <summary>A request claimed by a worker that has not finished within this time may be claimed again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
