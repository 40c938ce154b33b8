using BmoLearning.Ai;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Host.Redis;
using BmoLearning.Core.Jobs;
using BmoLearning.Host.Jobs;
using BmoLearning.Host.Telemetry;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Redis.StackExchange;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class JobsSetup
{
    /// <summary>Job settings and the chosen storage; the CLI needs them too (`bmo migrate` creates the PostgreSQL schema).</summary>
    public static IServiceCollection AddBmoJobSettings(this IServiceCollection services)
    {
        services.AddIngestionOptions();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations()
            .Validate<IOptions<IngestionOptions>>(
                (jobs, ingestion) => jobs.InvisibilityTimeout >= JobsOptions.ShortestTimeoutFor(ingestion.Value.MaxDuration),
                "Jobs:InvisibilityTimeout must be at least Ingestion:MaxDuration plus one minute (plus itself when it is under a minute), or a document still being ingested is handed to a second worker.")
            .ValidateOnStart();
        services.AddScoped<IJobQueue, HangfireJobQueue>();
        services.AddSingleton(sp => new SelectedJobStorage(JobStorageChoice.Resolve(
            sp.GetRequiredService<IOptions<JobsOptions>>().Value,
            sp.GetRequiredService<DatabaseTarget>(),
            sp.GetRequiredService<IOptions<RedisOptions>>().Value)));
        return services;
    }

    /// <summary>
    /// Hangfire on durable storage (never in-memory): a SQLite file in the data directory for the embedded
    /// default, PostgreSQL or Redis in production (Jobs:Storage). Several workers on several machines share
    /// one queue: PostgreSQL hands out jobs with row locks, Redis with atomic list moves, and each lesson
    /// request is additionally claimed with a lease. The server (which executes jobs) runs only in the worker role.
    /// </summary>
    public static IServiceCollection AddBmoJobs(this IServiceCollection services, bool runWorker)
    {
        services.AddHangfire((sp, config) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            JobRetryPolicy.Apply(GlobalJobFilters.Filters);
            // W3C trace context through the job payload (issue 16). Hangfire's filters are process-wide: added once.
            TraceContextJobFilter.RegisterOnce();

            switch (sp.GetRequiredService<SelectedJobStorage>().Kind)
            {
                case JobStorageKind.Postgres:
                    // The schema comes from `bmo migrate`; creating it here would touch the database at start-up.
                    config.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(sp.GetRequiredService<DatabaseTarget>().ConnectionString),
                        new PostgreSqlStorageOptions
                        {
                            SchemaName = jobs.PostgresSchema,
                            PrepareSchemaIfNecessary = false,
                            QueuePollInterval = jobs.PollInterval,
                            InvisibilityTimeout = jobs.InvisibilityTimeout,
                        });
                    break;
                case JobStorageKind.Redis:
                    config.UseRedisStorage(sp.GetRequiredService<RedisConnection>().Multiplexer, new RedisStorageOptions
                    {
                        Prefix = jobs.RedisPrefix,
                        InvisibilityTimeout = jobs.InvisibilityTimeout,
                        FetchTimeout = jobs.PollInterval,
                    });
                    break;
                default:
                    var bmo = sp.GetRequiredService<IOptions<BmoOptions>>().Value;
                    Directory.CreateDirectory(bmo.DataDirFullPath);
                    config.UseSQLiteStorage(Path.Combine(bmo.DataDirFullPath, "jobs.db"), new SQLiteStorageOptions
                    {
                        QueuePollInterval = jobs.PollInterval,
                        InvisibilityTimeout = jobs.InvisibilityTimeout,
                    });
                    break;
            }
        });
        if (runWorker)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = jobs.PollInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
            });
        }

        return services;
    }
}
