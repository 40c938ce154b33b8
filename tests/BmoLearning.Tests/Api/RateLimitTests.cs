using System.Net;
using BmoLearning.Host.RateLimiting;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_and_other_keys_are_not_affected()
    {
        using var factory = new BmoAppFactory().With("RateLimit:PermitsPerMinute", "3");
        var admin = factory.CreateAdminClient();
        var integration = factory.CreateIntegrationClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await admin.GetAsync("/api/v1/learners"));
        }

        // A window may turn over mid-loop, which only lets more through: at least one of the last two is refused.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], responses.Take(2).Select(r => r.StatusCode));
        var refused = Assert.Single(responses.Skip(3).Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("requests this minute", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/learners")).StatusCode);
        // Liveness is never limited.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
    }

    [PostgresAndRedisFact]
    public async Task Two_api_processes_share_one_limit_through_redis()
    {
        var prefix = $"{{bmo-rate-{Guid.NewGuid():N}}}:";
        using var first = new BmoAppFactory().With("RateLimit:PermitsPerMinute", "4").With("Redis:KeyPrefix", prefix);
        using var second = new BmoAppFactory().With("RateLimit:PermitsPerMinute", "4").With("Redis:KeyPrefix", prefix);
        var clients = new[] { first.CreateAdminClient(), second.CreateAdminClient() };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await clients[i % 2].GetAsync("/api/v1/learners")).StatusCode);
        }

        // Four each would pass if every process counted alone; a shared counter refuses some (at most one window turnover).
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        using var factory = new BmoAppFactory().With("RateLimit:PermitsPerMinute", "0");
        var admin = factory.CreateAdminClient();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/learners")).StatusCode);
        }
    }

    [Fact]
    public async Task The_shared_window_refuses_over_the_limit_until_the_next_minute_and_lets_requests_through_when_the_counter_is_down()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 15, TimeSpan.Zero));
        var counter = new FakeCounter();
        using var limiter = new SharedWindowRateLimiter(counter, "key:abc", 2, time);

        Assert.True((await limiter.AcquireAsync()).IsAcquired);
        Assert.True((await limiter.AcquireAsync()).IsAcquired);
        var refused = await limiter.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter);
        // The synchronous attempt never counts: it defers to the asynchronous path that asks the shared counter.
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(3, counter.Calls);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await limiter.AcquireAsync()).IsAcquired);

        counter.Down = true;
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await limiter.AcquireAsync()).IsAcquired);
        }
    }

    [PostgresAndRedisFact]
    public async Task The_redis_counter_increments_and_sets_the_expiry_in_one_script()
    {
        var prefix = $"{{bmo-rate-{Guid.NewGuid():N}}}:";
        using var factory = new BmoAppFactory().With("Redis:KeyPrefix", prefix);
        _ = factory.Server;
        var counter = factory.Services.GetRequiredService<RedisRateLimitCounter>();
        Assert.Equal(1, await counter.IncrementAsync("k:1", TimeSpan.FromMinutes(1)));
        Assert.Equal(2, await counter.IncrementAsync("k:1", TimeSpan.FromMinutes(1)));

        var redis = factory.Services.GetRequiredService<BmoLearning.Host.Redis.RedisConnection>();
        var ttl = await redis.Multiplexer.GetDatabase().KeyTimeToLiveAsync(RedisRateLimitCounter.KeyFor(redis.Options, "k:1"));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(65));
        Assert.Contains("PEXPIRE", RedisRateLimitCounter.Script, StringComparison.Ordinal);
    }

    private sealed class FakeCounter : IRateLimitCounter
    {
        private readonly Dictionary<string, long> _counts = [];

        public bool Down { get; set; }

        public int Calls { get; private set; }

        public Task<long?> IncrementAsync(string key, TimeSpan window)
        {
            Calls++;
            if (Down)
            {
                return Task.FromResult<long?>(null);
            }

            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            return Task.FromResult<long?>(_counts[key]);
        }
    }
}
