using System.Data.Common;
using BmoLearning.Ai.Embeddings;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace BmoLearning.Ai.Retrieval;

/// <summary>
/// The PostgreSQL index: the nearest chunks by pgvector (HNSW, cosine) and the best keyword matches by
/// ts_rank over the generated tsvector, fused in SQL with the same weighted reciprocal rank fusion as
/// <see cref="HybridRanker"/> (settings from <see cref="RetrievalOptions"/>); maximal marginal relevance then
/// runs here on the small fused pool.
/// Needs pgvector 0.8 or later (iterative index scans keep filtered searches complete).
/// </summary>
public sealed class PostgresKnowledgeIndex(AppDbContext db, QueryEmbeddingCache queryEmbeddings, IOptions<RetrievalOptions> options) : IKnowledgeIndex
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>HNSW candidate list size: higher is more exact and slower (docs/benchmarks.md measures recall).</summary>
    public const int EfSearch = 100;

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(RetrievalQuery query, CancellationToken ct)
    {
        var queryVector = await queryEmbeddings.EmbedAsync(query.Text, ct);
        var depth = Math.Max(_options.CandidatesPerRanking, query.K * 5);
        var poolSize = Math.Max(20, query.K * 3);
        var terms = KeywordQuery.Terms(query.Text);
        var useVector = query.Mode != RetrievalMode.Keyword;
        var useKeyword = query.Mode != RetrievalMode.Vector && terms.Count > 0;
        if (!useVector && !useKeyword)
        {
            return [];
        }

        var sql = Sql(useVector, useKeyword, query.Category is not null, query.DocumentId is not null);
        var strategy = db.Database.CreateExecutionStrategy();
        var candidates = await strategy.ExecuteAsync(async token =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(token);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using var batch = new NpgsqlBatch(connection, transaction);
                // Settings for this transaction only; pooled connections stay at the defaults.
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL hnsw.ef_search = {Math.Min(1000, Math.Max(EfSearch, depth))}"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL hnsw.iterative_scan = relaxed_order"));
                var search = new NpgsqlBatchCommand(sql);
                search.Parameters.Add(new NpgsqlParameter("query_vector", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = queryVector });
                search.Parameters.Add(new NpgsqlParameter("keywords", NpgsqlDbType.Text) { Value = string.Join(" | ", terms) });
                search.Parameters.Add(new NpgsqlParameter("category", NpgsqlDbType.Text) { Value = (object?)query.Category?.ToString() ?? DBNull.Value });
                search.Parameters.Add(new NpgsqlParameter("document_id", NpgsqlDbType.Uuid) { Value = (object?)query.DocumentId ?? DBNull.Value });
                search.Parameters.Add(new NpgsqlParameter("depth", NpgsqlDbType.Integer) { Value = depth });
                search.Parameters.Add(new NpgsqlParameter("pool", NpgsqlDbType.Integer) { Value = poolSize });
                search.Parameters.Add(new NpgsqlParameter("rrf_k", NpgsqlDbType.Integer) { Value = _options.RrfK });
                search.Parameters.Add(new NpgsqlParameter("keyword_weight", NpgsqlDbType.Double) { Value = _options.KeywordWeight });
                batch.BatchCommands.Add(search);
                var rows = new List<RetrievedChunk>();
                await using (var reader = await batch.ExecuteReaderAsync(token))
                {
                    // The two SET commands return no rows; the search is the last result set.
                    while (!reader.HasRows && await reader.NextResultAsync(token))
                    {
                    }

                    while (await reader.ReadAsync(token))
                    {
                        rows.Add(Read(reader));
                    }
                }

                await transaction.CommitAsync(token);
                return rows;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, ct);

        var byId = candidates.ToDictionary(c => c.ChunkId);
        var relevance = candidates.ToDictionary(c => c.ChunkId, c => c.Score);
        var selected = HybridRanker.SelectDiverse(relevance, id => byId[id].Embedding, query.K, _options.MmrLambda);
        return selected.Select(id => byId[id]).ToList();
    }

    private static RetrievedChunk Read(DbDataReader reader) => new(
        ChunkId: reader.GetInt64(0),
        DocumentId: reader.GetGuid(1),
        DocumentTitle: reader.GetString(2),
        HeadingPath: reader.GetString(3),
        Text: reader.GetString(4),
        Position: reader.GetInt32(5),
        PageStart: reader.IsDBNull(6) ? null : reader.GetInt32(6),
        PageEnd: reader.IsDBNull(7) ? null : reader.GetInt32(7),
        Score: reader.GetDouble(8),
        Similarity: reader.GetDouble(9),
        KeywordMatch: reader.GetBoolean(10),
        Embedding: reader.GetFieldValue<float[]>(11));

    /// <summary>
    /// Weighted reciprocal rank fusion of the CTEs vector_hits and keyword_hits (id, rank from 1): the SQL twin of
    /// <see cref="HybridRanker.Fuse"/>, kept apart so a test can run both on the same rankings.
    /// </summary>
    internal const string FusedSelect = """
        SELECT id,
               coalesce(1.0 / (@rrf_k + v.rank), 0) + coalesce(@keyword_weight / (@rrf_k + k.rank), 0) AS score,
               k.rank IS NOT NULL AS keyword_match
        FROM vector_hits v FULL JOIN keyword_hits k USING (id)
        ORDER BY score DESC, id
        LIMIT @pool
        """;

    /// <summary>The search statement; filters and rankings are left out entirely when unused so each part can use its index.</summary>
    internal static string Sql(bool useVector, bool useKeyword, bool byCategory, bool byDocument)
    {
        var join = byCategory ? "JOIN knowledge_documents d ON d.id = c.document_id" : string.Empty;
        // A chunk the safety pipeline flagged (prompt injection) is never retrieved.
        var filters = " AND c.safety_flag IS NULL"
            + (byCategory ? " AND d.category = @category" : string.Empty)
            + (byDocument ? " AND c.document_id = @document_id" : string.Empty);
        var vectorHits = useVector
            ? $"""
                SELECT id, row_number() OVER (ORDER BY distance, id) AS rank
                FROM (
                    SELECT c.id, c.embedding <=> @query_vector::vector AS distance
                    FROM knowledge_chunks c {join}
                    WHERE TRUE{filters}
                    ORDER BY c.embedding <=> @query_vector::vector
                    LIMIT @depth
                ) nearest
                """
            : "SELECT NULL::bigint AS id, NULL::bigint AS rank WHERE FALSE";
        var keywordHits = useKeyword
            ? $"""
                SELECT id, row_number() OVER (ORDER BY score DESC, id) AS rank
                FROM (
                    SELECT c.id, ts_rank(c.search_vector, q.query) AS score
                    FROM knowledge_chunks c {join}
                    CROSS JOIN to_tsquery('english', @keywords) AS q(query)
                    WHERE c.search_vector @@ q.query{filters}
                    ORDER BY score DESC, c.id
                    LIMIT @depth
                ) matched
                """
            : "SELECT NULL::bigint AS id, NULL::bigint AS rank WHERE FALSE";
        return $"""
            WITH vector_hits AS ({vectorHits}),
            keyword_hits AS ({keywordHits}),
            fused AS ({FusedSelect})
            SELECT c.id, c.document_id, d.title, c.heading_path, c.text, c.position, c.page_start, c.page_end,
                   f.score::float8, (1 - (c.embedding <=> @query_vector::vector))::float8 AS similarity, f.keyword_match,
                   c.embedding::real[]
            FROM fused f
            JOIN knowledge_chunks c ON c.id = f.id
            JOIN knowledge_documents d ON d.id = c.document_id
            ORDER BY f.score DESC, f.id
            """;
    }
}
