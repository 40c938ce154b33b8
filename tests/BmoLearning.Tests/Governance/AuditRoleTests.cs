using BmoLearning.Core.Governance.Audit;
using BmoLearning.Tests.Infrastructure;
using Npgsql;

namespace BmoLearning.Tests.Governance;

/// <summary>On PostgreSQL the migration leaves the application's role able to add audit entries, never to change them.</summary>
public sealed class AuditRoleTests
{
    [PostgresFact]
    public async Task The_application_role_can_insert_and_read_audit_entries_but_not_update_or_delete_them()
    {
        // The owner (the server's superuser here) runs the migration, as the migrate task does in production.
        var database = PostgresDatabases.CreateEmpty();
        var (exit, output) = await BmoProcess.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["DATABASE_URL"] = PostgresDatabases.Url(database),
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-audit-role"),
        });
        Assert.True(exit == 0, output);
        var appUser = $"bmo_app_test_{Guid.NewGuid():N}"[..30];
        PostgresDatabases.Execute($"CREATE ROLE {appUser} LOGIN PASSWORD 'app-test-password' IN ROLE {AuditTableGrants.AppRole}");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresDatabases.ConnectionString(database))
            {
                Username = appUser, Password = "app-test-password", Pooling = false,
            };
            await using var app = new NpgsqlConnection(builder.ConnectionString);
            await app.OpenAsync();

            Assert.Equal(1, await ExecuteAsync(app, """
                INSERT INTO audit_entries (sequence, at, actor, action, data, previous_hash, hash)
                VALUES (1, now(), 'system', 'test.inserted', '{}', repeat('0', 64), repeat('a', 64))
                """));
            Assert.Equal(1L, await ScalarAsync(app, "SELECT count(*) FROM audit_entries"));
            // The same role works normally with every other table.
            Assert.Equal(0, await ExecuteAsync(app, "UPDATE learners SET name = name WHERE false"));

            var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "UPDATE audit_entries SET actor = 'forger'"));
            var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "DELETE FROM audit_entries"));
            var truncate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "TRUNCATE audit_entries"));

            Assert.All(new[] { update, delete, truncate }, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
            Assert.Equal(1L, await ScalarAsync(app, "SELECT count(*) FROM audit_entries WHERE actor = 'system'"));
        }
        finally
        {
            PostgresDatabases.Execute($"DROP OWNED BY {appUser}", database);
            PostgresDatabases.Execute($"DROP ROLE {appUser}");
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
