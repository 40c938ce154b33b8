using BmoLearning.Ai.Embeddings;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>Embeddings, ingestion, the index for the configured database and the offline generator.</summary>
    public static IServiceCollection AddAiServices(this IServiceCollection services)
    {
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.AddSingleton<QueryEmbeddingCache>();
        services.AddSingleton(new ExtractionLimits());
        services.AddSingleton<IDocumentExtractor, MarkdownExtractor>();
        services.AddSingleton<IDocumentExtractor, PlainTextExtractor>();
        services.AddSingleton<IDocumentExtractor, PdfExtractor>();
        services.AddSingleton<IDocumentExtractor, DocxExtractor>();
        services.AddSingleton<IDocumentExtractor, HtmlExtractor>();
        services.AddSingleton(new StructuredChunker(new ChunkingOptions()));
        services.AddSingleton<ChunkEmbedder>();
        services.AddScoped<IngestionPipeline>();
        services.AddScoped<IDocumentProcessor>(sp => sp.GetRequiredService<IngestionPipeline>());
        services.AddScoped<Knowledge.DocumentService>();
        services.AddScoped<FileIngestor>();
        services.AddSingleton<VectorSnapshotCache>();
        services.AddScoped<SqliteKnowledgeIndex>();
        services.AddScoped<PostgresKnowledgeIndex>();
        // One index per database: exact search in memory over SQLite, pgvector HNSW in PostgreSQL.
        services.AddScoped<IKnowledgeIndex>(sp => sp.GetRequiredService<AppDbContext>().Database.UsesPostgres()
            ? sp.GetRequiredService<PostgresKnowledgeIndex>()
            : sp.GetRequiredService<SqliteKnowledgeIndex>());
        services.AddSingleton<ILessonGenerator, OfflineLessonGenerator>();
        return services;
    }
}
