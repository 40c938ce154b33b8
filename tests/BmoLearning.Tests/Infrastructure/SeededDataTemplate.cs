using BmoLearning.Host.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// A data directory migrated and seeded once per test run through the real start-up path; hosts copy
/// its database instead of embedding the starter knowledge base again.
/// </summary>
internal static class SeededDataTemplate
{
    private static readonly Lazy<string> Template = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the database and the stored originals of the starter documents.</summary>
    public static void CopyTo(string dataDir)
    {
        File.Copy(Path.Combine(Template.Value, "bmo.db"), Path.Combine(dataDir, "bmo.db"));
        var documents = Path.Combine(Template.Value, "documents");
        foreach (var file in Directory.EnumerateFiles(documents, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dataDir, Path.GetRelativePath(Template.Value, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Download links of copied documents must verify: share the template's signing key.
        File.Copy(Path.Combine(Template.Value, "storage-signing-key"), Path.Combine(dataDir, "storage-signing-key"));
    }

    private static string Build()
    {
        var dir = TempDirectory.Create("bmo-template");
        using (var factory = new BmoAppFactory(dir).With("Bmo:Roles", "api"))
        {
            // Starting the host runs the embedded start-up: migrations and the starter knowledge base.
            factory.Services.GetRequiredService<RoleSelection>();
        }

        // Fold the WAL into the main file so a plain copy is complete.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "bmo.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        return dir;
    }
}
