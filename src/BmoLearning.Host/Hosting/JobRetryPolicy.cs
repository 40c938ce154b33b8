using BmoLearning.Core.Jobs;
using Hangfire;
using Hangfire.Common;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Hangfire's retry policy, stated instead of inherited (its default is ten retries over about a day). Jobs handle
/// the failures they expect themselves: lesson generation and delivery record the attempt and reschedule with
/// <see cref="RetryBackoff"/>. What escapes a job is infrastructure (the database unreachable, a worker stopping
/// mid-job), retried <see cref="Attempts"/> times on the same backoff, then left Failed on the dashboard; lesson
/// requests are re-queued by the recovery sweep in any case.
/// </summary>
public static class JobRetryPolicy
{
    public const int Attempts = 3;

    public static IReadOnlyList<int> DelaysSeconds { get; } = [15, 60, 300];

    /// <summary>
    /// Replaces Hangfire's global retry filter (a process-wide list) with this policy; safe to call again. A new
    /// instance each time: the filter takes its logger from the host configuring Hangfire when it is created.
    /// </summary>
    public static void Apply(JobFilterCollection filters)
    {
        foreach (var existing in filters.Where(f => f.Instance is AutomaticRetryAttribute).ToList())
        {
            filters.Remove(existing.Instance);
        }

        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = Attempts,
            DelayInSecondsByAttemptFunc = attempt => (int)Math.Ceiling(RetryBackoff.Delay(DelaysSeconds, (int)Math.Min(attempt, int.MaxValue)).TotalSeconds),
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
    }
}
