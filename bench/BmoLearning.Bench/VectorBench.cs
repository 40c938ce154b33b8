using System.Diagnostics;
using BmoLearning.Core.Knowledge;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace BmoLearning.Bench;

/// <summary>
/// pgvector HNSW at scale: 100,000 synthetic 384-d chunks in the application's own schema (created by
/// `bmo migrate`, so the index is the production one: HNSW, cosine, m = 16, ef_construction = 64). Queries
/// are timed through the index and compared with exact search (a sequential scan) in the same run; recall@10
/// is the share of the exact top 10 that the index returns.
/// </summary>
internal static class VectorBench
{
    private const int Dimensions = KnowledgeChunk.EmbeddingDimensions;

    public static async Task RunAsync(Servers servers, int chunks, int queries)
    {
        var database = servers.CreateDatabase("bmo_bench_vec");
        try
        {
            await Servers.RunBmoAsync(["migrate"], servers.Environment(database, "postgres"));
            var builder = new NpgsqlDataSourceBuilder(servers.ConnectionString(database));
            builder.UseVector();
            await using var dataSource = builder.Build();

            var random = new Random(42);
            var centroids = Enumerable.Range(0, 1000).Select(_ => Normal(random, Dimensions, 1.0)).ToArray();
            float[] Sample() => Normalize(Add(centroids[random.Next(centroids.Length)], Normal(random, Dimensions, 0.9)));

            var load = Stopwatch.StartNew();
            var indexDefinition = await LoadAsync(dataSource, chunks, Sample);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var build = Stopwatch.StartNew();
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                await Execute(connection, "SET maintenance_work_mem = '1GB'");
                await Execute(connection, indexDefinition);
                await Execute(connection, "ANALYZE knowledge_chunks");
            }

            var buildSeconds = build.Elapsed.TotalSeconds;
            var queryVectors = Enumerable.Range(0, queries).Select(_ => Sample()).ToArray();

            var exact = await SearchAsync(dataSource, queryVectors, "SET LOCAL enable_indexscan = off");
            Console.WriteLine();
            Console.WriteLine($"## pgvector HNSW on {chunks:N0} chunks of {Dimensions} dimensions ({queries} queries, top 10)");
            Console.WriteLine();
            Console.WriteLine($"Loaded in {loadSeconds:0.0} s (binary COPY); HNSW index built in {buildSeconds:0.0} s.");
            Console.WriteLine();
            Console.WriteLine("| search | recall@10 | p50 ms | p95 ms | p95 / exact p95 |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine($"| exact (sequential scan, baseline) | 1.000 | {Stats.Ms(exact.Latency.P50)} | {Stats.Ms(exact.Latency.P95)} | 1.00x |");
            foreach (var efSearch in new[] { 40, 100, 200 })
            {
                var hnsw = await SearchAsync(dataSource, queryVectors, $"SET LOCAL hnsw.ef_search = {efSearch}");
                var recall = hnsw.Ids.Zip(exact.Ids, (found, truth) => found.Intersect(truth).Count() / (double)truth.Count).Average();
                var label = efSearch == Bmo.PostgresEfSearch ? $"HNSW, ef_search = {efSearch} (the application's setting)" : $"HNSW, ef_search = {efSearch}";
                Console.WriteLine($"| {label} | {recall:0.000} | {Stats.Ms(hnsw.Latency.P50)} | {Stats.Ms(hnsw.Latency.P95)} | {hnsw.Latency.P95 / exact.Latency.P95:0.00}x |");
            }
        }
        finally
        {
            servers.DropDatabase(database);
        }
    }

    /// <summary>Inserts documents and chunks with the index dropped (bulk build is much faster); returns the index definition.</summary>
    private static async Task<string> LoadAsync(NpgsqlDataSource dataSource, int chunks, Func<float[]> sample)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        string definition;
        await using (var command = new NpgsqlCommand("SELECT pg_get_indexdef('ix_knowledge_chunks_embedding_hnsw'::regclass)", connection))
        {
            definition = (string)(await command.ExecuteScalarAsync())!;
        }

        await Execute(connection, "DROP INDEX ix_knowledge_chunks_embedding_hnsw");
        var documents = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_documents (id, title, source_key, category, content_type, content_hash, size_bytes, status, chunk_count, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < documents.Length; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(documents[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Synthetic document {i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"bench/{i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Reference", NpgsqlDbType.Varchar);
                await writer.WriteAsync("text/plain", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{i:x64}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
                await writer.WriteAsync("Processed", NpgsqlDbType.Varchar);
                await writer.WriteAsync(chunks / documents.Length, NpgsqlDbType.Integer);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_chunks (document_id, position, text, heading_path, content_hash, embedding) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < chunks; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(documents[i % documents.Length], NpgsqlDbType.Uuid);
                await writer.WriteAsync(i / documents.Length, NpgsqlDbType.Integer);
                await writer.WriteAsync($"Synthetic chunk {i}", NpgsqlDbType.Text);
                await writer.WriteAsync("Synthetic", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"{i:x64}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(new Vector(sample()));
            }

            await writer.CompleteAsync();
        }

        return definition;
    }

    private static async Task<(List<List<long>> Ids, Stats Latency)> SearchAsync(NpgsqlDataSource dataSource, float[][] queries, string setting)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var ids = new List<List<long>>();
        var latencies = new List<double>();
        foreach (var (query, index) in queries.Select((q, i) => (q, i)))
        {
            var clock = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(setting),
                    new NpgsqlBatchCommand("SELECT id FROM knowledge_chunks ORDER BY embedding <=> $1 LIMIT 10") { Parameters = { new NpgsqlParameter { Value = new Vector(query) } } },
                },
            };
            var found = new List<long>();
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                while (!reader.HasRows && await reader.NextResultAsync())
                {
                }

                while (await reader.ReadAsync())
                {
                    found.Add(reader.GetInt64(0));
                }
            }

            await transaction.CommitAsync();
            // The first queries warm the cache; they are not timed.
            if (index >= 10)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }

            ids.Add(found);
        }

        return (ids, new Stats(latencies));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static float[] Normal(Random random, int n, double sigma)
    {
        var v = new float[n];
        for (var i = 0; i < n; i++)
        {
            // Box-Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            v[i] = (float)(sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2) / Math.Sqrt(n));
        }

        return v;
    }

    private static float[] Add(float[] a, float[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private static float[] Normalize(float[] v)
    {
        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}

/// <summary>Settings of the application that the benchmarks report against.</summary>
internal static class Bmo
{
    public const int PostgresEfSearch = BmoLearning.Ai.Retrieval.PostgresKnowledgeIndex.EfSearch;
}
