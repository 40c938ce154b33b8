using BmoLearning.Core.Data;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Applies pending migrations for the configured database; idempotent. On PostgreSQL it holds an advisory
/// lock for the whole run, so two `bmo migrate` started together apply once: the second waits, then finds
/// nothing to do. It also creates the Hangfire schema there when jobs are stored in PostgreSQL.
/// </summary>
public sealed class DatabaseMigrator(
    AppDbContext db,
    DatabaseTarget target,
    SelectedJobStorage jobStorage,
    IOptions<JobsOptions> jobs,
    IOptions<BmoOptions> bmo,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Any fixed number: every process that migrates this database takes the same lock.</summary>
    public const long AdvisoryLockKey = 0x626D6F5F6D6967; // "bmo_mig"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        if (!target.IsPostgres)
        {
            Directory.CreateDirectory(bmo.Value.DataDirFullPath);
            var applied = await ApplyAsync(ct);
            // WAL lets the API read while the worker writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            return applied;
        }

        // The lock belongs to a session: keep one connection open from lock to unlock.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
            try
            {
                var applied = await ApplyAsync(ct);
                if (jobStorage.Kind == JobStorageKind.Postgres)
                {
                    // Hangfire's installer is versioned and skips what exists.
                    PostgreSqlObjectsInstaller.Install((NpgsqlConnection)db.Database.GetDbConnection(), jobs.Value.PostgresSchema);
                }

                return applied;
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct)
    {
        // On an empty PostgreSQL database EF reads the history table before it exists and logs that query as
        // "fail:" although nothing failed. Create the (empty) history table first with EF's own script, so a first
        // migration logs only what it did; every real failure is still logged and thrown.
        var empty = target.IsPostgres
            && await db.Database.SqlQuery<string?>($"SELECT to_regclass('\"__EFMigrationsHistory\"')::text AS \"Value\"").SingleAsync(ct) is null;
        if (empty)
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }

        var pending = empty ? db.Database.GetMigrations().ToList() : (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(ct);
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        return pending;
    }
}
