using System.Data.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Retrieval;

/// <summary>
/// All chunk vectors of the embedded (SQLite) index held in one contiguous array for exact search.
/// Another process (`bmo ingest`) may change the chunks, so the cache compares a cheap fingerprint of
/// the table at most once per <see cref="RecheckInterval"/> and reloads when it differs.
/// </summary>
public sealed class VectorSnapshotCache(TimeProvider time)
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private VectorSnapshot _snapshot = VectorSnapshot.Empty;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    private long _generation;

    /// <summary>
    /// Forces a fingerprint check on the next read (after this process changed chunks). A check already under way
    /// may have read the old fingerprint, so it does not count as recent (the generation moved on).
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _checkedAt = DateTimeOffset.MinValue;
    }

    public async Task<VectorSnapshot> GetAsync(DbConnection connection, CancellationToken ct)
    {
        if (time.GetUtcNow() - _checkedAt < RecheckInterval)
        {
            return _snapshot;
        }

        await _gate.WaitAsync(ct);
        try
        {
            var generation = Interlocked.Read(ref _generation);
            if (time.GetUtcNow() - _checkedAt < RecheckInterval)
            {
                return _snapshot;
            }

            var fingerprint = await FingerprintAsync(connection, ct);
            if (fingerprint != _snapshot.Fingerprint)
            {
                _snapshot = await LoadAsync(connection, fingerprint, ct);
            }

            if (generation == Interlocked.Read(ref _generation))
            {
                _checkedAt = time.GetUtcNow();
            }

            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<string> FingerprintAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        // New chunks always get larger ids, so count + sum of ids changes whenever chunks are replaced;
        // the documents part catches a category change. Flagged chunks are left out of the snapshot, and
        // keyword hits outside the snapshot are dropped, so a flagged chunk is never retrieved.
        command.CommandText = """
            SELECT (SELECT count(*) || ':' || total(id) FROM knowledge_chunks) || '/' ||
                   (SELECT count(*) || ':' || coalesce(max(updated_at), 0) FROM knowledge_documents)
            """;
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<VectorSnapshot> LoadAsync(DbConnection connection, string fingerprint, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.id, c.document_id, d.category, c.embedding
            FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
            WHERE c.safety_flag IS NULL
            ORDER BY c.id
            """;
        var ids = new List<long>();
        var documents = new List<Guid>();
        var categories = new List<DocumentCategory>();
        var vectors = new List<float[]>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
                documents.Add(Guid.Parse(reader.GetString(1)));
                categories.Add(Enum.Parse<DocumentCategory>(reader.GetString(2)));
                vectors.Add(EmbeddingConversion.Deserialize((byte[])reader.GetValue(3)));
            }
        }

        return VectorSnapshot.Create(fingerprint, ids, documents, categories, vectors);
    }
}
