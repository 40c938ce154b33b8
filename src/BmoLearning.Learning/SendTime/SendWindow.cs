namespace BmoLearning.Learning.SendTime;

/// <summary>
/// When a learner may be sent anything: their time zone, quiet hours [start, end) in local whole hours (wrapping
/// past midnight when start &gt; end; equal means no quiet hours) and the local days they work.
/// </summary>
public sealed record SendWindow(TimeZoneInfo TimeZone, int QuietStartHour, int QuietEndHour, IReadOnlySet<DayOfWeek> WorkingDays)
{
    public static readonly IReadOnlySet<DayOfWeek> MondayToFriday =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Whether a local hour (0–23) falls in quiet hours.</summary>
    public bool IsQuiet(int localHour) => QuietStartHour != QuietEndHour && (QuietStartHour < QuietEndHour
        ? localHour >= QuietStartHour && localHour < QuietEndHour
        : localHour >= QuietStartHour || localHour < QuietEndHour);

    /// <summary>The local hours of a working day that are not quiet.</summary>
    public IEnumerable<int> AllowedHours() => Enumerable.Range(0, 24).Where(h => !IsQuiet(h));

    /// <summary>Everything wrong with the window, by field (empty when valid).</summary>
    public IReadOnlyList<Experiments.DefinitionError> Validate()
    {
        var errors = new List<Experiments.DefinitionError>();
        if (QuietStartHour is < 0 or > 23)
        {
            errors.Add(new("quietStartHour", $"{QuietStartHour} is not an hour 0–23."));
        }

        if (QuietEndHour is < 0 or > 23)
        {
            errors.Add(new("quietEndHour", $"{QuietEndHour} is not an hour 0–23."));
        }

        if (WorkingDays is null || WorkingDays.Count == 0)
        {
            errors.Add(new("workingDays", "At least one working day is required."));
        }

        return errors;
    }
}
