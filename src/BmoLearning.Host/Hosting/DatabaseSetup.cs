using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "BmoLearning.Data.Sqlite";

    private static readonly SqliteConnectionSetup ConnectionSetup = new();

    /// <summary>The embedded default: one SQLite file in the data directory.</summary>
    public static IServiceCollection AddBmoDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var bmo = sp.GetRequiredService<IOptions<BmoOptions>>().Value;
            options.UseSqlite(SqliteConnectionString(bmo), sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(ConnectionSetup);
        });
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    public static string SqliteConnectionString(BmoOptions bmo) =>
        $"Data Source={Path.Combine(bmo.DataDirFullPath, "bmo.db")};Default Timeout=30;Foreign Keys=True";
}
