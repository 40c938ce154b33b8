using BmoLearning.Host.AiService;
using BmoLearning.Host.Analytics;
using BmoLearning.Host.RateLimiting;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Delivery;
using BmoLearning.Host.Governance;
using BmoLearning.Host.Health;
using BmoLearning.Host.Knowledge;
using BmoLearning.Host.LearningPaths;
using BmoLearning.Host.Learners;
using BmoLearning.Host.Logging;
using BmoLearning.Host.Lessons;
using BmoLearning.Host.Progress;
using BmoLearning.Host.Quiz;
using BmoLearning.Host.Telemetry;
using Hangfire;
using Scalar.AspNetCore;

namespace BmoLearning.Host.Hosting;

/// <summary>Builds the web application for `bmo serve`: one process, the roles it was asked to run.</summary>
public static class BmoWebApp
{
    public static WebApplication Build(string[] configurationArgs)
    {
        var builder = CreateBuilder(configurationArgs, out var roles);
        var app = builder.Build();
        app.UseRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Security (issue 17): body limits before anything is read; limits per key or address after the key is known;
        // the jobs dashboard refuses cross-site POSTs (it is the one place a browser sends credentials by itself).
        app.UseRequestBodyLimits();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseDashboardCrossSiteCheck();
        app.UseAuthorization();
        // Governance (issue 14): successful administrative acts go to the tamper-evident audit chain.
        app.UseAdministrativeActsAudit();
        app.MapBmoEndpoints(roles);
        return app;
    }

    /// <summary>Configuration and services for the roles, before anything is built or started (`bmo config check` stops here).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] configurationArgs, out Roles roles)
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
        roles = RoleNames.Parse(builder.Configuration[RoleNames.ConfigKey])
            ?? throw new BmoConfigurationException(
                $"{RoleNames.ConfigKey} (--role) names a role that does not exist: use all, api, ai, worker or a comma-separated list of them.");

        builder.Services.AddBmoWeb(roles, builder.Configuration);
        builder.AddBmoTelemetry(roles);
        builder.Logging.AddConsoleFormatter<JsonLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(BmoOptions.DefaultUrl);
        }

        return builder;
    }

    /// <summary>Routes per role: the worker and AI roles expose no learner routes; only the AI role serves the AI routes.</summary>
    public static void MapBmoEndpoints(this WebApplication app, Roles roles)
    {
        app.MapHealth(roles);
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.IntegrationPolicy).RequireRateLimiting(RateLimitSetup.ApiPolicy);
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
        api.MapDataRights();
        api.MapKeys();
        api.MapLessonReview();
        api.MapStaleLessons();
        api.MapLearningPaths();
        BmoLearning.Host.Courses.CourseEndpoints.MapCourses(api);
        BmoLearning.Host.Courses.NextLessonEndpoints.MapNextLesson(api);
        api.MapLessons();
        api.MapLessonVariants();
        api.MapQuiz();
        api.MapProgress();
        api.MapAiUsage();
        api.MapAnalytics();
        api.MapSearch();
        api.MapDeliveries();
        api.MapSendTime(); // issue 15
        BmoLearning.Host.Experiments.ExperimentEndpoints.MapExperiments(api); // issue 15
        app.MapWebhooks();
        app.MapLessonPages();
        BmoLearning.Web.ConsoleSetup.MapBmoConsole(app); // --- L&D console at /admin (src/BmoLearning.Web) ---
        api.MapDocuments(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BmoLearning.Core.Knowledge.StorageOptions>>());

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapGet("/docs", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription().AllowAnonymous();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false })
            .RequireAuthorization(AuthSetup.AdminPolicy).RequireRateLimiting(RateLimitSetup.ApiPolicy);
        // The same dashboard for console admins, signed in with the console session (key or single sign-on).
        app.MapHangfireDashboard(BmoLearning.Web.ConsoleSetup.JobsDashboardPath,
                new DashboardOptions { Authorization = [], DisplayStorageConnectionString = false, AppPath = "/admin/system" })
            .RequireAuthorization(BmoLearning.Web.ConsoleAuth.AdminPolicy).RequireRateLimiting(RateLimitSetup.ApiPolicy);
    }
}
