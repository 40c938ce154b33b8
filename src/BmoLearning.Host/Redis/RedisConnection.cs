using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BmoLearning.Host.Redis;

/// <summary>
/// The process's one Redis multiplexer, created on first use. It never fails start-up: while Redis is
/// down commands fail fast (callers fall back or report 503) and the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => Connect(options.Value, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool IsConfigured => options.Value.IsConfigured;

    public RedisOptions Options => options.Value;

    public IConnectionMultiplexer Multiplexer => IsConfigured
        ? _multiplexer.Value
        : throw new InvalidOperationException("Redis is not configured (REDIS_URL or Redis:Url).");

    /// <summary>A round trip to the server within the operation timeout.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            var ping = Multiplexer.GetDatabase().PingAsync();
            await ping.WaitAsync(TimeSpan.FromMilliseconds(options.Value.OperationTimeoutMs), ct);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("Redis ping failed ({Error})", ex.GetType().Name);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await _multiplexer.Value.DisposeAsync();
        }
    }

    private static ConnectionMultiplexer Connect(RedisOptions settings, ILogger logger)
    {
        var configuration = RedisUrl.Parse(settings.Url!);
        // Keep running when Redis is down at start and reconnect in the background.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = settings.ConnectTimeoutMs;
        configuration.AsyncTimeout = settings.OperationTimeoutMs;
        configuration.SyncTimeout = settings.OperationTimeoutMs;
        // While disconnected, fail at once instead of queueing commands until a timeout.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        configuration.ClientName = "bmo";
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        if (!multiplexer.IsConnected)
        {
            logger.LogWarning("Redis is not reachable yet; continuing and reconnecting in the background");
        }

        return multiplexer;
    }
}
