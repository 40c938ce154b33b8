namespace BmoLearning.Learning.SendTime;

/// <summary>
/// What the chooser needs: the time now, the learner's window, what was already sent today against the daily
/// budget, and answered/sent per local hour (24 entries each) for the learner, their team and the organisation.
/// Team and organisation counts may include the learner's own; in a team of any size that double count is small.
/// </summary>
public sealed record SendTimeRequest(
    DateTimeOffset Now,
    SendWindow Window,
    int SentToday,
    int DailyBudget,
    IReadOnlyList<SlotCounts> Learner,
    IReadOnlyList<SlotCounts> Team,
    IReadOnlyList<SlotCounts> Organisation);

/// <summary>
/// The decision, explained: the local hour chosen and the UTC instant to send, the posterior mean answer rate of
/// that slot, and whether Thompson sampling explored (picked a slot other than the one with the best mean).
/// When nothing may be sent, <see cref="CanSend"/> is false and <see cref="Reason"/> says why.
/// </summary>
public sealed record SendTimeChoice(bool CanSend, int LocalHour, DateTimeOffset SendAt, double EstimatedAnswerRate, bool Explored, string Reason)
{
    internal static SendTimeChoice None(string reason) => new(false, -1, default, double.NaN, false, reason);
}

/// <summary>How strongly the pooled prior speaks, in pseudo-messages.</summary>
public sealed record SendTimeOptions(double TeamBorrowsFromOrganisation = 20, double LearnerBorrowsFromTeam = 8);

/// <summary>
/// Thompson sampling over the learner's allowed hour slots today. Each slot has a Beta posterior whose prior is
/// pooled hierarchically: the organisation's rate (Laplace-smoothed), the team's counts shrunk toward it with
/// <see cref="SendTimeOptions.TeamBorrowsFromOrganisation"/> pseudo-messages, and that team rate given
/// <see cref="SendTimeOptions.LearnerBorrowsFromTeam"/> pseudo-messages of weight in the learner's prior, so a
/// new learner starts at their team's best hour and their own answers take over as they accumulate.
/// Quiet hours, working days and the daily budget are hard constraints checked before any sampling.
/// </summary>
public sealed class SendTimeChooser(SendTimeOptions? options = null)
{
    private readonly SendTimeOptions _options = options ?? new SendTimeOptions();

    /// <summary>The Beta(α, β) prior of a learner's slot from team and organisation counts.</summary>
    public (double Alpha, double Beta) Prior(SlotCounts team, SlotCounts organisation)
    {
        var orgRate = (organisation.Answered + 1.0) / (organisation.Sent + 2.0);
        var k = _options.TeamBorrowsFromOrganisation;
        var teamRate = (team.Answered + k * orgRate) / (team.Sent + k);
        return (_options.LearnerBorrowsFromTeam * teamRate, _options.LearnerBorrowsFromTeam * (1 - teamRate));
    }

    public SendTimeChoice Choose(SendTimeRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        if (request.Window.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(request));
        }

        if (request.Learner.Count != 24 || request.Team.Count != 24 || request.Organisation.Count != 24)
        {
            throw new ArgumentException("Counts are needed for each of the 24 local hours.", nameof(request));
        }

        if (request.SentToday >= request.DailyBudget)
        {
            return SendTimeChoice.None($"Daily budget spent ({request.SentToday} of {request.DailyBudget}).");
        }

        var zone = request.Window.TimeZone;
        var localNow = TimeZoneInfo.ConvertTime(request.Now, zone);
        if (!request.Window.WorkingDays.Contains(localNow.DayOfWeek))
        {
            return SendTimeChoice.None($"{localNow.DayOfWeek} is not a working day.");
        }

        int best = -1, chosen = -1;
        double bestMean = double.NegativeInfinity, bestSample = double.NegativeInfinity;
        var chosenMean = double.NaN;
        var chosenAt = default(DateTimeOffset);
        for (var hour = localNow.Hour; hour < 24; hour++)
        {
            if (request.Window.IsQuiet(hour) || SlotStart(localNow.Date, hour, zone) is not { } start)
            {
                continue;
            }

            var (alpha, beta) = Prior(request.Team[hour], request.Organisation[hour]);
            var learner = request.Learner[hour];
            alpha += learner.Answered;
            beta += learner.Sent - learner.Answered;
            var mean = alpha / (alpha + beta);
            var sample = BetaSampler.Sample(random, alpha, beta);
            if (mean > bestMean)
            {
                (bestMean, best) = (mean, hour);
            }

            if (sample > bestSample)
            {
                (bestSample, chosen, chosenMean) = (sample, hour, mean);
                chosenAt = start < request.Now ? request.Now : start;
            }
        }

        return chosen < 0
            ? SendTimeChoice.None("No allowed hour is left today (quiet hours or the day is over).")
            : new SendTimeChoice(true, chosen, chosenAt.ToUniversalTime(), chosenMean, chosen != best,
                chosen == best ? $"Best estimated answer rate of the allowed slots ({chosenMean:P0})." : $"Exploring: sampled above the best slot {best}:00 ({bestMean:P0}).");
    }

    /// <summary>The instant a local hour starts; null when a daylight-saving jump skips it.</summary>
    private static DateTimeOffset? SlotStart(DateTime localDate, int hour, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate.AddHours(hour), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
