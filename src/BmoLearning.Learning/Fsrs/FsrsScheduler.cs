using static BmoLearning.Learning.Fsrs.FsrsMath;

namespace BmoLearning.Learning.Fsrs;

/// <summary>
/// FSRS-6 scheduling of one learner's concept: the state machine of ts-fsrs 5.4.2 (BasicScheduler with
/// short-term reviews, LongTermScheduler without), fuzz off so that due dates are deterministic.
/// </summary>
public sealed class FsrsScheduler
{
    private const int MinutesPerDay = 1440;
    private readonly FsrsOptions _options;

    public FsrsScheduler(FsrsOptions? options = null)
    {
        _options = options ?? new FsrsOptions();
        if (_options.LearningStepsMinutes.Concat(_options.RelearningStepsMinutes).Any(m => m < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Learning steps cannot be negative.");
        }

        Algorithm = new FsrsAlgorithm(_options);
    }

    public FsrsAlgorithm Algorithm { get; }

    public FsrsOptions Options => _options;

    /// <summary>Whole UTC calendar days between two instants, as ts-fsrs counts elapsed days for a review.</summary>
    public static int CalendarDaysBetween(DateTimeOffset from, DateTimeOffset to) =>
        (int)Math.Floor((to.UtcDateTime.Date - from.UtcDateTime.Date).TotalDays);

    /// <summary>
    /// Predicted probability of recall at <paramref name="now"/> (0 for a concept never reviewed), counting
    /// whole 24-hour days since the last review as ts-fsrs <c>get_retrievability</c> does.
    /// </summary>
    public double Retrievability(MemoryState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase == ReviewPhase.New || state.LastReview is null)
        {
            return 0;
        }

        var days = Math.Max(Math.Floor((now - state.LastReview.Value).TotalMilliseconds / 86_400_000), 0);
        return Algorithm.ForgettingCurve(days, RoundTo(state.Stability, 8));
    }

    /// <summary>Applies one answer given at <paramref name="now"/>; a null state is a concept never reviewed.</summary>
    public ReviewOutcome Review(MemoryState? state, Rating rating, DateTimeOffset now)
    {
        if (rating is < Rating.Again or > Rating.Easy)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), "Rating must be Again, Hard, Good or Easy.");
        }

        var current = state ?? MemoryState.New(now);
        if (current.LastReview is { } last && now < last)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "A review cannot be earlier than the previous one.");
        }

        var elapsed = current.Phase != ReviewPhase.New && current.LastReview is { } lr ? CalendarDaysBetween(lr, now) : 0;
        var before = Retrievability(current, now);
        var next = _options.EnableShortTerm
            ? ReviewShortTerm(current, rating, now, elapsed)
            : ReviewLongTerm(current, rating, now, elapsed);
        return new ReviewOutcome(next, next.Due - now, before);
    }

    private MemoryState ReviewShortTerm(MemoryState current, Rating rating, DateTimeOffset now, int elapsed)
    {
        var counted = current with { Reps = current.Reps + 1, LastReview = now };
        if (current.Phase != ReviewPhase.Review)
        {
            var (s, d) = Algorithm.NextMemory(current.Stability, current.Difficulty, elapsed, rating);
            var to = current.Phase == ReviewPhase.New ? ReviewPhase.Learning : current.Phase;
            return ApplyLearningSteps(counted with { Stability = s, Difficulty = d }, current, rating, to, now);
        }

        var r = Algorithm.ForgettingCurve(elapsed, current.Stability);
        var states = new (double S, double D)[5];
        for (var g = 1; g <= 4; g++)
        {
            states[g] = Algorithm.NextMemory(current.Stability, current.Difficulty, elapsed, (Rating)g, r);
        }

        if (rating == Rating.Again)
        {
            var again = counted with { Stability = states[1].S, Difficulty = states[1].D, Lapses = current.Lapses + 1 };
            return ApplyLearningSteps(again, current, Rating.Again, ReviewPhase.Relearning, now);
        }

        // Hard ≤ Good < Easy in days, whatever the stabilities say.
        var hard = Algorithm.NextIntervalDays(states[2].S);
        var good = Algorithm.NextIntervalDays(states[3].S);
        hard = Math.Min(hard, good);
        good = Math.Max(good, hard + 1);
        var easy = Math.Max(Algorithm.NextIntervalDays(states[4].S), good + 1);
        var days = rating switch { Rating.Hard => hard, Rating.Good => good, _ => easy };
        var chosen = states[(int)rating];
        return counted with
        {
            Phase = ReviewPhase.Review,
            Stability = chosen.S,
            Difficulty = chosen.D,
            Step = 0,
            ScheduledDays = days,
            Due = now.AddDays(days),
        };
    }

    private MemoryState ReviewLongTerm(MemoryState current, Rating rating, DateTimeOffset now, int elapsed)
    {
        // Without short-term scheduling there are no learning steps: every answer schedules in days.
        var t = current.Phase == ReviewPhase.New ? 0 : elapsed;
        double? r = current.Phase == ReviewPhase.New ? null : Algorithm.ForgettingCurve(t, current.Stability);
        var states = new (double S, double D)[5];
        var ivl = new int[5];
        for (var g = 1; g <= 4; g++)
        {
            states[g] = Algorithm.NextMemory(current.Stability, current.Difficulty, t, (Rating)g, r);
            ivl[g] = Algorithm.NextIntervalDays(states[g].S);
        }

        ivl[1] = Math.Min(ivl[1], ivl[2]);
        ivl[2] = Math.Max(ivl[2], ivl[1] + 1);
        ivl[3] = Math.Max(ivl[3], ivl[2] + 1);
        ivl[4] = Math.Max(ivl[4], ivl[3] + 1);
        var g0 = (int)rating;
        var lapses = current.Lapses + (rating == Rating.Again && current.Phase != ReviewPhase.New ? 1 : 0);
        return current with
        {
            Phase = ReviewPhase.Review,
            Stability = states[g0].S,
            Difficulty = states[g0].D,
            LastReview = now,
            Reps = current.Reps + 1,
            Lapses = lapses,
            Step = 0,
            ScheduledDays = ivl[g0],
            Due = now.AddDays(ivl[g0]),
        };
    }

    // ts-fsrs applyLearningSteps with BasicLearningStepsStrategy.
    private MemoryState ApplyLearningSteps(MemoryState next, MemoryState current, Rating rating, ReviewPhase to, DateTimeOffset now)
    {
        var (minutes, nextStep) = StepFor(current.Phase, current.Step, rating);
        if (minutes is > 0 and < MinutesPerDay)
        {
            return next with { Phase = to, Step = nextStep, ScheduledDays = 0, Due = now.AddMinutes(minutes) };
        }

        if (minutes >= MinutesPerDay)
        {
            return next with { Phase = ReviewPhase.Review, Step = nextStep, ScheduledDays = minutes / MinutesPerDay, Due = now.AddMinutes(minutes) };
        }

        var days = Algorithm.NextIntervalDays(next.Stability);
        return next with { Phase = ReviewPhase.Review, Step = 0, ScheduledDays = days, Due = now.AddDays(days) };
    }

    private (int Minutes, int NextStep) StepFor(ReviewPhase phase, int step, Rating rating)
    {
        var steps = phase is ReviewPhase.Relearning or ReviewPhase.Review ? _options.RelearningStepsMinutes : _options.LearningStepsMinutes;
        if (steps.Count == 0 || step >= steps.Count)
        {
            return (0, 0);
        }

        if (phase == ReviewPhase.Review)
        {
            return rating == Rating.Again ? (steps[Math.Max(0, step)], 0) : (0, 0);
        }

        switch (rating)
        {
            case Rating.Again:
                return (steps[0], 0);
            case Rating.Hard:
                var hard = steps.Count == 1 ? JsRound(steps[0] * 1.5) : JsRound((steps[0] + steps[1]) / 2.0);
                return ((int)hard, step);
            case Rating.Good when step + 1 < steps.Count && steps[step + 1] != 0:
                return (steps[step + 1], step + 1);
            default:
                return (0, 0);
        }
    }
}
