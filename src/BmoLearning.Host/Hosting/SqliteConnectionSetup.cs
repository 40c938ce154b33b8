using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Per-connection SQLite settings. SQLite's own busy handler waits in steps of a millisecond or so for
/// the write lock; without it the ADO.NET provider retries in 150 ms sleeps, which turns a few
/// concurrent writers into second-long tail latencies.
/// The settings belong to the native connection, which Microsoft.Data.Sqlite pools: they are applied once per
/// native handle, not on every open (EF opens a pooled connection per query, and a statement per open was a
/// measurable share of a short read; docs/benchmarks.md, read path).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // In WAL mode, synchronous=NORMAL skips the fsync per commit: a crash of the process loses nothing,
    // a power cut may lose the last commits (never corrupts the file). FULL made each commit wait for
    // the disk and capped writes at a few hundred per second under I/O load (docs/benchmarks.md).
    // secure_delete (issue 14): deleted and overwritten content is zeroed, so an erased learner's email cannot be read
    // back from free space in the file; the erasure then checkpoints the write-ahead log.
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";

    // Keyed by the native handle object, which lives as long as the pooled native connection; entries go with it.
    private static readonly object Configured = new();

    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsSetup(connection, out var handle))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        Remember(handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsSetup(connection, out var handle))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Remember(handle);
    }

    private bool NeedsSetup(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !_configured.TryGetValue(handle, out _);
    }

    private void Remember(object? handle)
    {
        if (handle is not null)
        {
            _configured.AddOrUpdate(handle, Configured);
        }
    }
}
