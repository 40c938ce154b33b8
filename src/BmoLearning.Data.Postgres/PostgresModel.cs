using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NpgsqlTypes;
using Pgvector;

namespace BmoLearning.Data.Postgres;

/// <summary>
/// What the model adds on PostgreSQL: the embedding as a pgvector column with an HNSW (cosine) index,
/// and a generated tsvector over heading and text with a GIN index for keyword search. Applied after the
/// shared model (AppDbContext.OnModelCreating) by replacing EF's model customizer, so Core never names PostgreSQL types.
/// </summary>
public sealed class PostgresModel(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>Shadow column: maintained by PostgreSQL, never written by the application.</summary>
    public const string SearchVectorColumn = "search_vector";

    /// <summary>Heading words weigh more than body words; 'english' stems like the SQLite index's porter tokenizer.</summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, coalesce(heading_path, '')), 'A') || setweight(to_tsvector('english'::regconfig, text), 'B')";

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
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
