using BmoLearning.Core.Learners;
using NodaTime;

namespace BmoLearning.Core.Delivery;

/// <summary>When a learner may be contacted, worked out in their own wall-clock time so daylight-saving changes cannot move it.</summary>
public sealed class DeliveryWindow
{
    private readonly DateTimeZone _zone;
    private readonly LocalTime _preferred;
    private readonly LocalTime _quietStart;
    private readonly LocalTime _quietEnd;
    private readonly IReadOnlySet<IsoDayOfWeek> _workingDays;
    private readonly Duration _length;

    public DeliveryWindow(DateTimeZone zone, int preferredHour, TimeOnly quietStart, TimeOnly quietEnd, IReadOnlySet<IsoDayOfWeek> workingDays, TimeSpan length)
    {
        _zone = zone;
        _preferred = new LocalTime(preferredHour, 0);
        _quietStart = LocalTime.FromTimeOnly(quietStart);
        _quietEnd = LocalTime.FromTimeOnly(quietEnd);
        _workingDays = workingDays;
        _length = Duration.FromTimeSpan(length);
    }

    public static DeliveryWindow For(Learner learner, DeliveryOptions options) => new(
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(learner.TimeZone) ?? DateTimeZone.Utc,
        learner.PreferredDeliveryHour,
        learner.QuietHoursStart ?? options.QuietHoursStart,
        learner.QuietHoursEnd ?? options.QuietHoursEnd,
        ParseDays(options.WorkingDays),
        options.WindowLength);

    public static IReadOnlySet<IsoDayOfWeek> ParseDays(string days) => days
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.ToLowerInvariant() switch
        {
            "mon" => IsoDayOfWeek.Monday,
            "tue" => IsoDayOfWeek.Tuesday,
            "wed" => IsoDayOfWeek.Wednesday,
            "thu" => IsoDayOfWeek.Thursday,
            "fri" => IsoDayOfWeek.Friday,
            "sat" => IsoDayOfWeek.Saturday,
            "sun" => IsoDayOfWeek.Sunday,
            _ => throw new FormatException($"'{d}' is not a day (Mon..Sun)."),
        })
        .ToHashSet();

    /// <summary>The learner's calendar date at an instant: "one lesson per path per day" counts these.</summary>
    public LocalDate DateAt(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).Date;

    public LocalDateTime LocalAt(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).LocalDateTime;

    public bool IsQuiet(DateTimeOffset instant) => IsQuietTime(LocalAt(instant).TimeOfDay);

    /// <summary>Open for scheduled lessons and reminders: a working day, within the window after the preferred hour, outside quiet hours.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = LocalAt(instant);
        if (IsQuietTime(local.TimeOfDay))
        {
            return false;
        }

        // The window belongs to the day it started on (a late-evening window may run past midnight).
        var start = local.Date.At(_preferred);
        if (start > local)
        {
            start = start.PlusDays(-1);
        }

        return _workingDays.Contains(start.DayOfWeek) && Period.Between(start, local, PeriodUnits.Minutes).Minutes < _length.TotalMinutes;
    }

    /// <summary>The first instant at or after <paramref name="from"/> that is not in quiet hours.</summary>
    public DateTimeOffset NextNotQuiet(DateTimeOffset from)
    {
        if (!IsQuiet(from))
        {
            return from;
        }

        var local = LocalAt(from);
        return Candidates(local.Date, days: 2, _quietEnd).Where(c => c >= from && !IsQuiet(c)).DefaultIfEmpty(from).Min();
    }

    /// <summary>The first instant at or after <paramref name="from"/> at which the window is open (within three weeks).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset from)
    {
        if (IsOpen(from))
        {
            return from;
        }

        // Openness only changes at the preferred hour or at the end of quiet hours: try those.
        var date = LocalAt(from).Date.PlusDays(-1);
        var candidates = Candidates(date, days: 22, _preferred).Concat(Candidates(date, days: 22, _quietEnd));
        return candidates.Where(c => c >= from && IsOpen(c)).DefaultIfEmpty(from + TimeSpan.FromDays(1)).Min();
    }

    private IEnumerable<DateTimeOffset> Candidates(LocalDate first, int days, LocalTime time) =>
        Enumerable.Range(0, days).Select(i => first.PlusDays(i).At(time).InZoneLeniently(_zone).ToDateTimeOffset().ToUniversalTime());

    private bool IsQuietTime(LocalTime time) =>
        _quietStart != _quietEnd
        && (_quietStart < _quietEnd ? time >= _quietStart && time < _quietEnd : time >= _quietStart || time < _quietEnd);
}
