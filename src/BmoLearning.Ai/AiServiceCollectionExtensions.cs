using BmoLearning.Ai.Embeddings;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>Embeddings, ingestion, the embedded index and the offline generator.</summary>
    public static IServiceCollection AddAiServices(this IServiceCollection services)
    {
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
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
        services.AddScoped<IKnowledgeIndex, SqliteKnowledgeIndex>();
        services.AddSingleton<ILessonGenerator, OfflineLessonGenerator>();
        return services;
    }
}
