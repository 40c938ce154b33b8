using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Redis;

public static class RedisSetup
{
    /// <summary>
    /// The distributed cache: Redis when configured, otherwise an in-process cache, so nothing requires
    /// Redis. Cache users treat every cache error as a miss.
    /// </summary>
    public static IServiceCollection AddBmoRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IDistributedCache>(sp =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            if (!redis.IsConfigured)
            {
                return new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = 32L * 1024 * 1024 }));
            }

            return new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = redis.Options.KeyPrefix + "cache:",
                ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer),
            }));
        });
        return services;
    }
}
