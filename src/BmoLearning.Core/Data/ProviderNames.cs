using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BmoLearning.Core.Data;

public static class ProviderNames
{
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool UsesSqlite(this DatabaseFacade database) => database.ProviderName == Sqlite;

    public static bool UsesPostgres(this DatabaseFacade database) => database.ProviderName == Postgres;
}
