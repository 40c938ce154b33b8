using BmoLearning.Ai.Embeddings;
using BmoLearning.Ai.Generation;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Ai.Resilience;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Ai.Safety;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Safety;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>Key of the pipeline that generates in this process (model or offline), which the AI role serves.</summary>
    public const string LocalPipeline = "local";

    /// <summary>Embeddings, ingestion, the index for the configured database, lesson generation (model, AI service or offline) and safety.</summary>
    public static IServiceCollection AddAiServices(this IServiceCollection services)
    {
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.AddSingleton<QueryEmbeddingCache>();
        services.AddIngestionOptions();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.ToExtractionLimits());
        services.AddSingleton<IDocumentExtractor, MarkdownExtractor>();
        services.AddSingleton<IDocumentExtractor, PlainTextExtractor>();
        services.AddSingleton<IDocumentExtractor, PdfExtractor>();
        services.AddSingleton<IDocumentExtractor, DocxExtractor>();
        services.AddSingleton<IDocumentExtractor, HtmlExtractor>();
        services.AddSingleton(sp => new StructuredChunker(new ChunkingOptions { MaxChunks = sp.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxChunks }));
        services.AddSingleton<ChunkEmbedder>();
        services.AddScoped<IngestionPipeline>();
        services.AddScoped<IDocumentProcessor>(sp => sp.GetRequiredService<IngestionPipeline>());
        services.AddScoped<Knowledge.DocumentService>();
        services.AddScoped<FileIngestor>();
        services.AddSingleton<VectorSnapshotCache>();
        // One index per database, registered by name: exact search in memory over SQLite, pgvector HNSW in PostgreSQL.
        services.AddKeyedScoped<IKnowledgeIndex, SqliteKnowledgeIndex>(KnowledgeIndexes.Sqlite);
        services.AddKeyedScoped<IKnowledgeIndex, PostgresKnowledgeIndex>(KnowledgeIndexes.Postgres);
        services.AddScoped(sp => sp.GetRequiredKeyedService<IKnowledgeIndex>(
            sp.GetRequiredService<AppDbContext>().Database.UsesPostgres() ? KnowledgeIndexes.Postgres : KnowledgeIndexes.Sqlite));
        services.AddLessonGeneration();
        return services;
    }

    /// <summary>The ingestion limits (section "Ingestion"); the job settings validate their timeout against them too.</summary>
    public static IServiceCollection AddIngestionOptions(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    private static IServiceCollection AddLessonGeneration(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations()
            .Validate(o => Validator.IsValid(o.Resilience) && Validator.IsValid(o.Grounding), "Ai:Resilience or Ai:Grounding has a value out of range.")
            .ValidateOnStart();
        services.AddOptions<AiServiceOptions>().BindConfiguration(AiServiceOptions.Section)
            .Validate(o => !o.IsRemote || Uri.TryCreate(o.Url, UriKind.Absolute, out _), "AiService:Url (AI_SERVICE_URL) must be an absolute URL.")
            .Validate(o => Validator.IsValid(o.Resilience), "AiService:Resilience has a value out of range.")
            .ValidateOnStart();
        services.AddSingleton<CircuitMonitor>();
        // In memory unless a distributed cache (Redis) is registered; AddDistributedMemoryCache yields to one.
        services.AddDistributedMemoryCache();

        services.AddHttpClient(LlmChatFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(LlmChatFactory.HttpClientName, (builder, context) => HttpResilience.Configure(
                builder, LlmChatFactory.HttpClientName,
                context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value.Resilience,
                context.ServiceProvider.GetRequiredService<CircuitMonitor>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("BmoLearning.Ai.Llm")));
        services.AddHttpClient(RemoteLessonGenerator.HttpClientName, (sp, c) =>
            {
                var settings = sp.GetRequiredService<IOptions<AiServiceOptions>>().Value;
                if (settings.IsRemote)
                {
                    c.BaseAddress = new Uri(settings.Url!.TrimEnd('/') + "/");
                }

                if (!string.IsNullOrEmpty(settings.ApiKey))
                {
                    c.DefaultRequestHeaders.Add("X-API-Key", settings.ApiKey);
                }

                c.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(RemoteLessonGenerator.HttpClientName, (builder, context) => HttpResilience.Configure(
                builder, RemoteLessonGenerator.HttpClientName,
                context.ServiceProvider.GetRequiredService<IOptions<AiServiceOptions>>().Value.Resilience,
                context.ServiceProvider.GetRequiredService<CircuitMonitor>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("BmoLearning.Ai.AiService")));

        services.AddSingleton(sp => LlmChatFactory.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton(sp => new GroundingChecker(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<IOptions<LlmOptions>>().Value.Grounding));
        services.AddSingleton(CreateSafetyPipeline);
        services.AddSingleton<KnowledgeGlossarySource>();
        services.AddSingleton<OfflineLessonGenerator>();
        services.AddSingleton<LlmLessonGenerator>();
        services.AddKeyedSingleton(LocalPipeline, (sp, _) =>
        {
            var chat = sp.GetRequiredService<LlmChat>();
            return CreatePipeline(sp, chat.IsConfigured ? sp.GetRequiredService<LlmLessonGenerator>() : null, chat.Describe());
        });
        services.AddSingleton<ILessonGenerator>(sp => sp.GetRequiredService<IOptions<AiServiceOptions>>().Value.IsRemote
            ? CreatePipeline(sp, new RemoteLessonGenerator(sp.GetRequiredService<IHttpClientFactory>()), RemoteLessonGenerator.GeneratorName)
            : sp.GetRequiredKeyedService<LessonPipeline>(LocalPipeline));
        return services;
    }

    private static LessonPipeline CreatePipeline(IServiceProvider sp, ILessonGenerator? preferred, string identity) => new(
        preferred,
        identity,
        sp.GetRequiredService<OfflineLessonGenerator>(),
        sp.GetRequiredService<SafetyPipeline>(),
        sp.GetRequiredService<IDistributedCache>(),
        sp.GetRequiredService<IOptions<LlmOptions>>().Value.CacheDuration,
        sp.GetRequiredService<ILogger<LessonPipeline>>());

    /// <summary>The one safety pipeline: deterministic checks, plus OpenAI moderation and the LLM judge when configured, plus any registered <see cref="ISafetyCheck"/>.</summary>
    private static SafetyPipeline CreateSafetyPipeline(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
        var checks = new List<ISafetyCheck>();
        if (options.Safety.Moderation && !string.IsNullOrWhiteSpace(options.OpenAI.ApiKey)
            && LlmChatFactory.OpenAiClientOrNull(options, sp.GetRequiredService<IHttpClientFactory>()) is { } openAi)
        {
            checks.Add(new OpenAiModerationCheck(openAi.GetModerationClient(options.OpenAI.ModerationModel)));
        }

        if (options.Safety.Judge && sp.GetRequiredService<LlmChat>().Client is { } judge)
        {
            checks.Add(new LlmJudgeCheck(judge));
        }

        checks.AddRange(sp.GetServices<ISafetyCheck>());
        return new SafetyPipeline(checks);
    }

    private static class Validator
    {
        public static bool IsValid(object settings) =>
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(settings, new System.ComponentModel.DataAnnotations.ValidationContext(settings), null, validateAllProperties: true);
    }
}

/// <summary>The names the knowledge indexes are registered under, one per database provider.</summary>
public static class KnowledgeIndexes
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
