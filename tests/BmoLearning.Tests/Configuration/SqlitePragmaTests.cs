using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Configuration;

/// <summary>The per-connection SQLite settings are applied once per native connection and hold on every pooled reuse.</summary>
public sealed class SqlitePragmaTests
{
    [SqliteFact]
    public async Task Busy_timeout_and_synchronous_hold_on_every_open_of_a_pooled_connection()
    {
        await using var services = await CoreServices.CreateAsync();
        for (var open = 0; open < 3; open++)
        {
            await using var scope = services.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                Assert.Equal(10_000L, await ScalarAsync(db, "PRAGMA busy_timeout"));
                // 1 = NORMAL (SQLite's default is FULL, 2).
                Assert.Equal(1L, await ScalarAsync(db, "PRAGMA synchronous"));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<long> ScalarAsync(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
