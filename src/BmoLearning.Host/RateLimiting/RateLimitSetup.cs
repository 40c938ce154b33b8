using System.Globalization;
using System.Threading.RateLimiting;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Redis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter with fixed one-minute windows, partitioned per API key (authenticated requests) or
/// per client address (no key, a wrong key, lesson pages). With Redis the count is shared by every process;
/// without it each process counts alone. Over the limit: 429 ProblemDetails with Retry-After.
/// </summary>
public static class RateLimitSetup
{
    /// <summary>The `/api/v1` group: per key, or per address when no valid key was given.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Lesson pages behind signed links: per address.</summary>
    public const string AddressPolicy = "address";

    public static IServiceCollection AddApiRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisRateLimitCounter>();
        services.AddSingleton<RateLimitPartitions>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.AddPolicy(ApiPolicy, context => context.RequestServices.GetRequiredService<RateLimitPartitions>().ForApi(context));
            options.AddPolicy(AddressPolicy, context => context.RequestServices.GetRequiredService<RateLimitPartitions>().ForAddress(AddressPolicy, context));
        });
        return services;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var perKey = RateLimitPartitions.KeyIdOf(context) is not null;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        retryAfter = Math.Clamp(retryAfter, 1, 60);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = perKey
                    ? $"This API key made more than {options.PermitsPerMinute} requests this minute; retry after {retryAfter} s."
                    : $"This address made more than {options.PerAddressPermitsPerMinute} requests this minute without a valid key; retry after {retryAfter} s.",
                Type = "https://httpstatuses.io/429",
            },
        });
    }
}

/// <summary>Chooses the partition (and its limiter) for a request; the framework keeps one limiter per partition.</summary>
public sealed class RateLimitPartitions(IOptionsMonitor<RateLimitOptions> options, RedisConnection redis, RedisRateLimitCounter counter, TimeProvider time)
{
    /// <summary>The digest the auth handler issues for a valid key; the key itself never reaches the limiter.</summary>
    public static string? KeyIdOf(HttpContext context) => context.User.FindFirst(Scopes.KeyIdClaimType)?.Value;

    public RateLimitPartition<string> ForApi(HttpContext context) =>
        KeyIdOf(context) is { } keyId
            ? Window($"key:{keyId}", options.CurrentValue.PermitsPerMinute)
            : ForAddress(RateLimitSetup.ApiPolicy, context);

    public RateLimitPartition<string> ForAddress(string policy, HttpContext context) =>
        Window($"{policy}:addr:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", options.CurrentValue.PerAddressPermitsPerMinute);

    private RateLimitPartition<string> Window(string partition, int permitsPerMinute)
    {
        if (permitsPerMinute == 0)
        {
            return RateLimitPartition.GetNoLimiter(partition);
        }

        // The limit is part of the partition so that a changed setting gets a limiter of its own.
        var key = $"{partition}:{permitsPerMinute}";
        return redis.IsConfigured
            ? RateLimitPartition.Get(key, _ => new SharedWindowRateLimiter(counter, partition, permitsPerMinute, time))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }
}
