using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Per-connection SQLite settings. SQLite's own busy handler waits in steps of a millisecond or so for
/// the write lock; without it the ADO.NET provider retries in 150 ms sleeps, which turns a few
/// concurrent writers into second-long tail latencies.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // In WAL mode, synchronous=NORMAL skips the fsync per commit: a crash of the process loses nothing,
    // a power cut may lose the last commits (never corrupts the file). FULL made each commit wait for
    // the disk and capped writes at a few hundred per second under I/O load (docs/benchmarks.md).
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
