using BmoLearning.Host.AiService;
using BmoLearning.Host.Analytics;
using BmoLearning.Host.RateLimiting;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Delivery;
using BmoLearning.Host.Health;
using BmoLearning.Host.Knowledge;
using BmoLearning.Host.LearningPaths;
using BmoLearning.Host.Learners;
using BmoLearning.Host.Lessons;
using BmoLearning.Host.Progress;
using BmoLearning.Host.Quiz;
using Hangfire;
using Scalar.AspNetCore;

namespace BmoLearning.Host.Hosting;

/// <summary>Builds the web application for `bmo serve`: one process, the roles it was asked to run.</summary>
public static class BmoWebApp
{
    public static WebApplication Build(string[] configurationArgs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            // appsettings.json ships next to the executable; `dotnet run` starts elsewhere.
            ContentRootPath = configurationArgs.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                ? null
                : AppContext.BaseDirectory,
        });
        builder.Configuration.AddSeedEnvironmentVariables();
        var roles = RoleNames.Parse(builder.Configuration[RoleNames.ConfigKey])
            ?? throw new InvalidOperationException($"{RoleNames.ConfigKey} must be all, api, ai, worker or a comma-separated list of them.");

        builder.Services.AddBmoWeb(roles);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(BmoOptions.DefaultUrl);
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<ApiRateLimitMiddleware>();
        app.UseAuthorization();
        app.MapBmoEndpoints(roles);
        return app;
    }

    /// <summary>Routes per role: the worker and AI roles expose no learner routes; only the AI role serves the AI routes.</summary>
    public static void MapBmoEndpoints(this WebApplication app, Roles roles)
    {
        app.MapHealth(roles);
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.IntegrationPolicy);
        api.MapReadiness();
        if (roles.HasFlag(Roles.Ai))
        {
            app.MapAiService();
        }

        if (!roles.HasFlag(Roles.Api))
        {
            return;
        }

        api.MapLearners();
        api.MapLearningPaths();
        api.MapLessons();
        api.MapLessonVariants();
        api.MapQuiz();
        api.MapProgress();
        api.MapAiUsage();
        api.MapSearch();
        api.MapDeliveries();
        app.MapWebhooks();
        app.MapLessonPages();
        api.MapDocuments(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BmoLearning.Core.Knowledge.StorageOptions>>());

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapGet("/docs", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription().AllowAnonymous();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false })
            .RequireAuthorization(AuthSetup.AdminPolicy);
    }
}
