using BmoLearning.Ai.Retrieval;
using BmoLearning.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace BmoLearning.Tests.Parity;

/// <summary>
/// PostgreSQL fuses the vector and keyword rankings in SQL, SQLite in C# (<see cref="HybridRanker.Fuse"/>):
/// the same rankings must give the same order, or the two providers would cite different passages.
/// </summary>
public sealed class RankFusionParityTests
{
    private const int Pool = 20;

    [PostgresFact]
    public async Task Fusion_in_SQL_and_in_CSharp_order_the_same_rankings_identically()
    {
        var random = new Random(20261204);
        await using var connection = new NpgsqlConnection(PostgresDatabases.ConnectionString("postgres"));
        await connection.OpenAsync();
        for (var trial = 0; trial < 300; trial++)
        {
            var vector = RandomRanking(random);
            var keyword = RandomRanking(random);
            var rrfK = new[] { 1, 10, 60 }[random.Next(3)];
            var weight = new[] { 0.5, 1.0, 1.7 }[random.Next(3)];

            var inSql = await FuseInSqlAsync(connection, vector, keyword, rrfK, weight);
            var scores = HybridRanker.Fuse(vector, keyword, rrfK, weight);
            var inCSharp = scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(Pool).ToList();

            Assert.Equal(inCSharp.Count, inSql.Count);
            for (var i = 0; i < inSql.Count; i++)
            {
                Assert.Equal(inCSharp[i].Value, inSql[i].Score, 12);
                // Scores equal to the last bit may tie-break either way only if they are equal in both.
                if (inCSharp[i].Key != inSql[i].Id)
                {
                    Assert.Equal(scores[inCSharp[i].Key], scores[inSql[i].Id], 12);
                }
            }
        }
    }

    private static long[] RandomRanking(Random random)
    {
        var length = random.Next(0, 31);
        return Enumerable.Range(1, 60).OrderBy(_ => random.Next()).Take(length).Select(i => (long)i).ToArray();
    }

    private static async Task<List<(long Id, double Score)>> FuseInSqlAsync(
        NpgsqlConnection connection, long[] vector, long[] keyword, int rrfK, double weight)
    {
        var sql = $"""
            WITH vector_hits AS (SELECT id, rank FROM unnest(@vector) WITH ORDINALITY AS t(id, rank)),
            keyword_hits AS (SELECT id, rank FROM unnest(@keyword) WITH ORDINALITY AS t(id, rank)),
            fused AS ({PostgresKnowledgeIndex.FusedSelect})
            SELECT id, score::float8 FROM fused ORDER BY score DESC, id
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("vector", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = vector });
        command.Parameters.Add(new NpgsqlParameter("keyword", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keyword });
        command.Parameters.Add(new NpgsqlParameter("rrf_k", NpgsqlDbType.Integer) { Value = rrfK });
        command.Parameters.Add(new NpgsqlParameter("keyword_weight", NpgsqlDbType.Double) { Value = weight });
        command.Parameters.Add(new NpgsqlParameter("pool", NpgsqlDbType.Integer) { Value = Pool });
        var rows = new List<(long, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return rows;
    }
}
