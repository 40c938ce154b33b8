using System.Threading.RateLimiting;

namespace BmoLearning.Host.RateLimiting;

/// <summary>
/// A fixed one-minute window (aligned to the clock's minutes) whose count lives in a shared counter (Redis), so
/// every process enforces one limit. It has no local state to wait on: the synchronous attempt defers to the
/// asynchronous one, which asks the counter. An unavailable counter lets the request through.
/// </summary>
public sealed class SharedWindowRateLimiter(IRateLimitCounter counter, string partition, int permitsPerMinute, TimeProvider time) : RateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private long _lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var count = await counter.IncrementAsync($"{partition}:{minute}", Window);
        if (count is null || count <= permitsPerMinute)
        {
            return Lease.Granted;
        }

        return new Lease(false, TimeSpan.FromSeconds(Math.Max(1, ((minute + 1) * 60) - now.ToUnixTimeSeconds())));
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        /// <summary>Not acquired and without a retry time: the middleware then calls the asynchronous path.</summary>
        public static readonly Lease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
