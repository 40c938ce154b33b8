using System.Text.Json;
using System.Text.Json.Serialization;
using BmoLearning.Ai;
using BmoLearning.Core;
using BmoLearning.Delivery;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Delivery;
using BmoLearning.Host.Errors;
using BmoLearning.Host.RateLimiting;
using BmoLearning.Host.Redis;
using Microsoft.AspNetCore.Http.Json;

namespace BmoLearning.Host.Hosting;

public static class BmoServices
{
    /// <summary>What every command needs: settings, the database, domain services, ingestion and retrieval.</summary>
    public static IServiceCollection AddBmoCore(this IServiceCollection services)
    {
        services.AddOptions<BmoOptions>().BindConfiguration(BmoOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddBmoDatabase();
        services.AddBmoRedis();
        services.AddBmoJobSettings();
        services.AddCoreServices();
        services.AddAiServices();
        services.AddDeliveryChannels();
        services.AddLinkSigningKey();
        services.AddBmoStorage();
        services.AddScoped<StarterKnowledge>();
        services.AddScoped<StarterCourses>();
        services.AddScoped<BmoLearning.Core.Adaptive.IQuestionVariants, BmoLearning.Host.Lessons.LessonVariantService>();
        services.AddScoped<BmoLearning.Core.Governance.DataRights.IJobStoreScrubber, BmoLearning.Host.Governance.JobStoreScrubber>();
        return services;
    }

    /// <summary>The web host: JSON contract, errors, API keys, OpenAPI and jobs.</summary>
    public static IServiceCollection AddBmoWeb(this IServiceCollection services, Roles roles, IConfiguration? configuration = null)
    {
        services.AddBmoCore();
        services.AddSingleton(new RoleSelection(roles));
        services.AddHostedService<StartupTasks>();
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddBmoProblemDetails();
        services.AddApiKeyAuth();
        services.AddApiRateLimit();
        services.AddBmoOpenApi();
        services.AddBmoJobs(runWorker: roles.HasFlag(Roles.Worker));
        // --- L&D console (src/BmoLearning.Web): cookie sign-in for /admin only; the admin key is the host's. ---
        if (roles.HasFlag(Roles.Api))
        {
            BmoLearning.Web.ConsoleSetup.AddBmoConsole(services, sp => sp.GetRequiredService<AdminKeyProvider>().Current,
                configuration?.GetSection("Console:Oidc").Get<BmoLearning.Web.ConsoleOidcOptions>());
        }

        // --- end L&D console ---
        if (roles.HasFlag(Roles.Worker))
        {
            services.AddHostedService<LessonRecoveryLoop>();
            services.AddHostedService<RecurringJobsRegistration>();
        }

        return services;
    }

    /// <summary>snake_case names and lower-case enum strings, as the reference system's APIs used.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
