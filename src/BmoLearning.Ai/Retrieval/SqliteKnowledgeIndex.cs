using BmoLearning.Ai.Embeddings;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai.Retrieval;

/// <summary>
/// The embedded index: exact cosine search over vectors cached in memory, plus SQLite FTS5 (BM25)
/// for keywords, fused and diversified by <see cref="HybridRanker"/>.
/// </summary>
public sealed class SqliteKnowledgeIndex(
    AppDbContext db,
    VectorSnapshotCache cache,
    QueryEmbeddingCache queryEmbeddings,
    IOptions<RetrievalOptions> options) : IKnowledgeIndex
{
    private readonly RetrievalOptions _options = options.Value;

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var snapshot = await cache.GetAsync(connection, ct);
            var queryVector = await queryEmbeddings.EmbedAsync(query.Text, ct);
            var depth = Math.Max(_options.CandidatesPerRanking, query.K * 5);
            var vectorRanking = query.Mode == RetrievalMode.Keyword
                ? []
                : snapshot.Nearest(queryVector, depth, query.Category, query.DocumentId).Select(h => h.Id).ToList();
            var keywordRanking = query.Mode == RetrievalMode.Vector
                ? []
                : (await KeywordSearchAsync(query, depth, ct)).Where(snapshot.Contains).ToList();

            var fused = HybridRanker.Fuse(vectorRanking, keywordRanking, _options.RrfK, _options.KeywordWeight);
            var pool = fused.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(Math.Max(20, query.K * 3))
                .ToDictionary(p => p.Key, p => p.Value);
            var selected = HybridRanker.SelectDiverse(pool, id => snapshot.VectorOf(id).ToArray(), query.K, _options.MmrLambda);

            var keywordHits = keywordRanking.ToHashSet();
            return await LoadAsync(selected, pool, keywordHits, snapshot, queryVector, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Chunk ids ranked by BM25, best first.</summary>
    public async Task<IReadOnlyList<long>> KeywordSearchAsync(RetrievalQuery query, int limit, CancellationToken ct)
    {
        var match = KeywordQuery.ToFts5(query.Text);
        if (match is null)
        {
            return [];
        }

        var category = query.Category?.ToString();
        var document = query.DocumentId?.ToString().ToUpperInvariant();
        return await db.Database.SqlQuery<long>($"""
            SELECT f.rowid AS "Value"
            FROM knowledge_chunks_fts f
            JOIN knowledge_chunks c ON c.id = f.rowid
            JOIN knowledge_documents d ON d.id = c.document_id
            WHERE knowledge_chunks_fts MATCH {match}
              AND ({category} IS NULL OR d.category = {category})
              AND ({document} IS NULL OR c.document_id = {document})
            ORDER BY bm25(knowledge_chunks_fts)
            LIMIT {limit}
            """).ToListAsync(ct);
    }

    private async Task<IReadOnlyList<RetrievedChunk>> LoadAsync(
        IReadOnlyList<long> ids,
        IReadOnlyDictionary<long, double> scores,
        HashSet<long> keywordHits,
        VectorSnapshot snapshot,
        float[] queryVector,
        CancellationToken ct)
    {
        var rows = await db.KnowledgeChunks.AsNoTracking()
            // A chunk flagged (superseded, unsafe) since the snapshot was taken is never returned.
            .Where(c => ids.Contains(c.Id) && c.SafetyFlag == null)
            .Join(db.KnowledgeDocuments, c => c.DocumentId, d => d.Id, (c, d) => new
            {
                c.Id,
                c.DocumentId,
                d.Title,
                c.HeadingPath,
                c.Text,
                c.Position,
                c.PageStart,
                c.PageEnd,
            })
            .ToDictionaryAsync(r => r.Id, ct);

        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var embedding = snapshot.VectorOf(id).ToArray();
            return new RetrievedChunk(
                row.Id, row.DocumentId, row.Title, row.HeadingPath, row.Text, row.Position, row.PageStart, row.PageEnd,
                Score: scores[id],
                Similarity: VectorMath.Dot(queryVector, embedding),
                KeywordMatch: keywordHits.Contains(id),
                Embedding: embedding);
        }).ToList();
    }
}
