using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BmoLearning.Data.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server or the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=localhost;Database=bmo_design_time", npgsql => npgsql
                .MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name)
                .UseVector())
            .UseSnakeCaseNamingConvention()
            .ReplaceService<IModelCustomizer, PostgresModel>()
            .Options;
        return new AppDbContext(options);
    }
}
