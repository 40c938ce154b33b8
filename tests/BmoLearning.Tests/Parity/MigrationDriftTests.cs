using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Tests.Parity;

/// <summary>
/// The EF model and each provider's migrations must describe the same schema: a model change without
/// `scripts/add-migration.sh Name` would ship a database that the code does not match.
/// </summary>
public sealed class MigrationDriftTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        using var db = new Data.Sqlite.DesignTimeDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run scripts/add-migration.sh Name.");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        using var db = new Data.Postgres.DesignTimeDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run scripts/add-migration.sh Name.");
    }

    [Fact]
    public void Both_providers_ship_the_same_migrations_in_the_same_order()
    {
        using var sqlite = new Data.Sqlite.DesignTimeDbContextFactory().CreateDbContext([]);
        using var postgres = new Data.Postgres.DesignTimeDbContextFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
