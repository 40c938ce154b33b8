using BmoLearning.Host.Redis;
using StackExchange.Redis;

namespace BmoLearning.Host.RateLimiting;

/// <summary>Counts requests per key and window. Null means the counter is unavailable: the caller lets the request through.</summary>
public interface IRateLimitCounter
{
    Task<long?> IncrementAsync(string key, TimeSpan window);
}

/// <summary>
/// Shared by every process through Redis, so the limit holds however many API tasks run. The increment and the
/// expiry are one Lua script: a process dying between two separate commands would leave a counter that never expires.
/// </summary>
public sealed class RedisRateLimitCounter(RedisConnection redis, ILogger<RedisRateLimitCounter> logger) : IRateLimitCounter
{
    /// <summary>INCR, and PEXPIRE whenever the key has no expiry yet (first request of the window).</summary>
    public const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return count
        """;

    public static RedisKey KeyFor(RedisOptions options, string key) => new(options.KeyPrefix + "rate:" + key);

    public async Task<long?> IncrementAsync(string key, TimeSpan window)
    {
        try
        {
            var db = redis.Multiplexer.GetDatabase();
            var expiry = (long)(window + TimeSpan.FromSeconds(5)).TotalMilliseconds;
            var result = await db.ScriptEvaluateAsync(Script, [KeyFor(redis.Options, key)], [expiry]);
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Fail open: an unreachable Redis must not take the API down with it.
            logger.LogWarning("Rate limit counter unavailable ({Error}); request allowed", ex.GetType().Name);
            return null;
        }
    }
}
