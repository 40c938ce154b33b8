using System.Globalization;
using BmoLearning.Host.Auth;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.RateLimiting;

/// <summary>
/// Fixed one-minute windows per API key on `/api/v1` (authenticated requests only: webhooks and lesson links are
/// verified by their signatures instead). Over the limit: 429 ProblemDetails with Retry-After.
/// </summary>
public sealed class ApiRateLimitMiddleware(RequestDelegate next, IOptionsMonitor<RateLimitOptions> options, IRateLimitCounter counter, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.CurrentValue.PermitsPerMinute;
        var keyId = context.User.FindFirst(Scopes.KeyIdClaimType)?.Value;
        if (limit == 0 || keyId is null || !context.Request.Path.StartsWithSegments("/api/v1"))
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var count = await counter.IncrementAsync($"{keyId}:{minute}", Window);
        if (count is null || count <= limit)
        {
            await next(context);
            return;
        }

        var retryAfter = (int)Math.Max(1, ((minute + 1) * 60) - now.ToUnixTimeSeconds());
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key made more than {limit} requests this minute; retry after {retryAfter} s.",
                Type = "https://httpstatuses.io/429",
            },
        });
    }
}

public static class RateLimitSetup
{
    public static IServiceCollection AddApiRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisRateLimitCounter>();
        services.AddSingleton<MemoryRateLimitCounter>();
        services.AddSingleton<IRateLimitCounter>(sp => sp.GetRequiredService<Redis.RedisConnection>().IsConfigured
            ? sp.GetRequiredService<RedisRateLimitCounter>()
            : sp.GetRequiredService<MemoryRateLimitCounter>());
        return services;
    }
}
