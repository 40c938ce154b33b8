using System.Collections.Concurrent;
using BmoLearning.Host.Redis;
using StackExchange.Redis;

namespace BmoLearning.Host.RateLimiting;

/// <summary>Counts requests per key and window. Null means the counter is unavailable: the caller lets the request through.</summary>
public interface IRateLimitCounter
{
    Task<long?> IncrementAsync(string key, TimeSpan window);
}

/// <summary>Shared by every process through Redis, so the limit holds however many API tasks run.</summary>
public sealed class RedisRateLimitCounter(RedisConnection redis, ILogger<RedisRateLimitCounter> logger) : IRateLimitCounter
{
    public async Task<long?> IncrementAsync(string key, TimeSpan window)
    {
        try
        {
            var db = redis.Multiplexer.GetDatabase();
            var redisKey = new RedisKey(redis.Options.KeyPrefix + "rate:" + key);
            var count = await db.StringIncrementAsync(redisKey);
            if (count == 1)
            {
                await db.KeyExpireAsync(redisKey, window + TimeSpan.FromSeconds(5));
            }

            return count;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Fail open: an unreachable Redis must not take the API down with it.
            logger.LogWarning("Rate limit counter unavailable ({Error}); request allowed", ex.GetType().Name);
            return null;
        }
    }
}

/// <summary>One process's own counts, when no Redis is configured (the embedded default).</summary>
public sealed class MemoryRateLimitCounter(TimeProvider time) : IRateLimitCounter
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, long Count)> _counts = new();

    public Task<long?> IncrementAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (_counts.Count > 10_000)
        {
            foreach (var (stale, entry) in _counts)
            {
                if (entry.Expires <= now)
                {
                    _counts.TryRemove(stale, out _);
                }
            }
        }

        var updated = _counts.AddOrUpdate(key, _ => (now + window, 1), (_, entry) => entry.Expires <= now ? (now + window, 1) : (entry.Expires, entry.Count + 1));
        return Task.FromResult<long?>(updated.Count);
    }
}
