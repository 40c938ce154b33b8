using BmoLearning.Core.Data;
using BmoLearning.Data.Postgres;
using BmoLearning.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "BmoLearning.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "BmoLearning.Data.Postgres";

    private static readonly SqliteConnectionSetup ConnectionSetup = new();

    /// <summary>The embedded default (one SQLite file in the data directory) or PostgreSQL, as configured.</summary>
    public static IServiceCollection AddBmoDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => DatabaseTarget.Resolve(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IOptions<BmoOptions>>().Value));
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var target = sp.GetRequiredService<DatabaseTarget>();
            // Keeps the analytics rollup of closed days honest: writes that change one invalidate it in the same transaction.
            options.AddInterceptors(new Core.Analytics.Rollup.RollupInvalidation(sp.GetRequiredService<TimeProvider>()));
            if (target.IsPostgres)
            {
                var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                options.UseNpgsql(target.ConnectionString, npgsql => npgsql
                        .MigrationsAssembly(PostgresMigrationsAssembly)
                        .UseVector()
                        // Transient errors (a failover, a resuming Aurora cluster, a dropped connection) are retried.
                        .EnableRetryOnFailure(database.MaxRetryCount, database.MaxRetryDelay, errorCodesToAdd: null))
                    .UseSnakeCaseNamingConvention()
                    .ReplaceService<IModelCustomizer, PostgresModel>();
            }
            else
            {
                options.UseSqlite(target.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .UseSnakeCaseNamingConvention()
                    .ReplaceService<IModelCustomizer, SqliteModel>()
                    .AddInterceptors(ConnectionSetup);
            }
        });
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    public static string SqliteConnectionString(BmoOptions bmo) =>
        $"Data Source={Path.Combine(bmo.DataDirFullPath, "bmo.db")};Default Timeout=30;Foreign Keys=True";
}
