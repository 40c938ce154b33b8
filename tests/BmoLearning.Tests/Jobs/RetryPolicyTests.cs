using BmoLearning.Core.Jobs;
using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Infrastructure;
using Hangfire;

namespace BmoLearning.Tests.Jobs;

/// <summary>One retry-delay policy for every job (issue 18): configured waits, the last repeating, with bounded jitter.</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 60)]
    [InlineData(3, 300)]
    [InlineData(9, 300)] // the last wait repeats
    [InlineData(0, 10)] // defensive: "no failure yet" waits the first delay
    public void Each_wait_is_the_configured_one_stretched_by_at_most_the_jitter(int failedAttempts, int seconds)
    {
        var random = new Random(7);
        var waits = Enumerable.Range(0, 500).Select(_ => RetryBackoff.Delay([10, 60, 300], failedAttempts, random).TotalSeconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, seconds, seconds * (1 + RetryBackoff.Jitter)));
        Assert.True(waits.Max() - waits.Min() > seconds * RetryBackoff.Jitter * 0.8, "the jitter must spread a burst of retries");
    }

    [Fact]
    public void An_empty_policy_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay([], 1));

    [Fact]
    public void Every_host_leaves_hangfire_exactly_one_retry_filter_the_stated_policy()
    {
        // Hangfire's global filters are process-wide; its default is ten retries over about a day.
        using var first = new BmoAppFactory();
        using var firstClient = first.CreateClient();
        using var second = new BmoAppFactory();
        using var secondClient = second.CreateClient();

        var retry = (AutomaticRetryAttribute)Assert.Single(GlobalJobFilters.Filters, f => f.Instance is AutomaticRetryAttribute).Instance;
        Assert.Equal(JobRetryPolicy.Attempts, retry.Attempts);
        Assert.Equal(AttemptsExceededAction.Fail, retry.OnAttemptsExceeded);
        Assert.InRange(retry.DelayInSecondsByAttemptFunc(1), 15, 18);
        Assert.InRange(retry.DelayInSecondsByAttemptFunc(3), 300, 360);
        Assert.InRange(retry.DelayInSecondsByAttemptFunc(7), 300, 360);
    }
}
