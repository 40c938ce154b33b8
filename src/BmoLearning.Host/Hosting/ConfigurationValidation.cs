using BmoLearning.Core.Delivery;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Redis;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Checks every setting a command depends on before it does anything, so a bad one is reported up front
/// (and all of them at once by `bmo config check`) instead of surfacing mid-start-up as a stack trace.
/// Nothing here connects to a server.
/// </summary>
public static class ConfigurationValidation
{
    /// <summary>The problems found, as exceptions; empty when the configuration is valid.</summary>
    /// <param name="serving">True for `bmo serve` and `bmo config check`: the roles also need the lesson-link key.</param>
    public static IReadOnlyList<Exception> Validate(IServiceProvider services, bool serving)
    {
        var problems = new List<Exception>();
        Check(problems, () =>
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        });

        // Delivery settings (the lesson-link key above all) matter to the serving roles only: `bmo migrate` and
        // `bmo seed` run before a deployment and never sign or send a lesson.
        if (!serving)
        {
            problems.RemoveAll(p => p is OptionsValidationException { OptionsType: var type } && type == typeof(DeliveryOptions));
        }

        Check(problems, () => services.GetRequiredService<DatabaseTarget>());
        Check(problems, () => services.GetRequiredService<SelectedJobStorage>());
        Check(problems, () => services.GetRequiredService<IOptions<BmoOptions>>().Value);
        Check(problems, () => services.GetRequiredService<IOptions<AuthOptions>>().Value);
        Check(problems, () => services.GetRequiredService<IOptions<RedisOptions>>().Value is { IsConfigured: true } redis ? ParseRedisUrl(redis.Url!) : null);
        if (serving)
        {
            Check(problems, () => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        }

        // The same problem can surface twice (an options type validated on start and then read again).
        return problems.DistinctBy(p => p.Message).ToList();
    }

    /// <summary>Throws the first problem, for commands that stop at it.</summary>
    public static void ThrowIfInvalid(IServiceProvider services, bool serving)
    {
        var problems = Validate(services, serving);
        if (problems.Count == 1)
        {
            throw problems[0];
        }

        if (problems.Count > 1)
        {
            throw new AggregateException(problems);
        }
    }

    private static object ParseRedisUrl(string url)
    {
        try
        {
            return RedisUrl.Parse(url);
        }
        catch (ArgumentException)
        {
            // StackExchange.Redis quotes the string, password and all.
            throw new BmoConfigurationException("REDIS_URL (Redis:Url) is not a valid Redis address: use redis://host:6379, rediss://host:6379 (TLS) or host:6379,password=...");
        }
    }

    private static void Check(List<Exception> problems, Func<object?> read)
    {
        try
        {
            read();
        }
        catch (AggregateException ex)
        {
            problems.AddRange(ex.Flatten().InnerExceptions);
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            problems.Add(ex);
        }
    }
}
