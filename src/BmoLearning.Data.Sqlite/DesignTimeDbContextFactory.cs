using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BmoLearning.Data.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IModelCustomizer, SqliteModel>()
            .Options;
        return new AppDbContext(options);
    }
}
