using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Pgvector;

namespace BmoLearning.Core.Data;

/// <summary>
/// What the model adds on PostgreSQL: the embedding as a pgvector column with an HNSW (cosine) index,
/// and a generated tsvector over heading and text with a GIN index for keyword search.
/// </summary>
internal static class PostgresModel
{
    /// <summary>Shadow column: maintained by PostgreSQL, never written by the application.</summary>
    public const string SearchVectorColumn = "search_vector";

    /// <summary>Heading words weigh more than body words; 'english' stems like the SQLite index's porter tokenizer.</summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, coalesce(heading_path, '')), 'A') || setweight(to_tsvector('english'::regconfig, text), 'B')";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.Entity<KnowledgeChunk>(chunk =>
        {
            chunk.Property(c => c.Embedding)
                .HasConversion(v => new Vector(v), v => v.ToArray(), EmbeddingConversion.Comparer)
                .HasColumnType($"vector({KnowledgeChunk.EmbeddingDimensions})");
            chunk.HasIndex(c => c.Embedding)
                .HasDatabaseName("ix_knowledge_chunks_embedding_hnsw")
                .HasMethod("hnsw")
                .HasOperators("vector_cosine_ops")
                .HasStorageParameter("m", 16)
                .HasStorageParameter("ef_construction", 64);
            chunk.Property<NpgsqlTsVector>(SearchVectorColumn)
                .HasComputedColumnSql(SearchVectorSql, stored: true);
            chunk.HasIndex(SearchVectorColumn)
                .HasDatabaseName("ix_knowledge_chunks_search_vector")
                .HasMethod("gin");
        });
    }
}
