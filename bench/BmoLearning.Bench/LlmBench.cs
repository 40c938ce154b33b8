using System.Diagnostics;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Bench;

/// <summary>
/// LLM lesson generation against a local fake of the OpenAI wire format, through the real SDK, HTTP client,
/// resilience handler, prompt, parsing, validation, grounding, safety and redaction: (1) the pipeline's own cost,
/// i.e. everything but the model call, and (2) 20 concurrent lesson requests against a model that takes 2 s.
/// </summary>
internal static class LlmBench
{
    private const int Repeats = 5;
    private const int Concurrent = 20;
    private static readonly TimeSpan ModelLatency = TimeSpan.FromSeconds(2);

    private static readonly string[] Topics =
    [
        "APR", "grace periods", "minimum payments", "credit utilisation", "credit limits", "annual fees", "rewards points",
        "employee cards and spending controls", "personal guarantee liability", "chargebacks", "statement reconciliation",
        "business versus personal credit", "managing cash flow with a card", "disclosure rules", "protecting cardholder data", "cash advances",
    ];

    public static async Task RunAsync()
    {
        using var fake = new FakeModelServer();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-bench-llm").FullName,
            ["Ai:Provider"] = "openai",
            ["Ai:OpenAI:ApiKey"] = "bench-key",
            ["Ai:OpenAI:BaseUrl"] = fake.OpenAiBaseUrl,
            ["Ai:Safety:Moderation"] = "false",
            // Every request reaches the model: the cache would hide the cost being measured.
            ["Ai:CacheDuration"] = "00:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddBmoCore();
        var timer = new ModelTimer();
        builder.Services.AddSingleton(sp =>
        {
            var chat = LlmChatFactory.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>());
            return new LlmChat(new TimedChatClient(chat.Client!, timer), chat.Provider, chat.Model);
        });
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, CancellationToken.None);
        }

        var generator = host.Services.GetRequiredService<ILessonGenerator>();
        var contexts = new List<LessonGenerationContext>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var index = scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>();
            foreach (var topic in Topics)
            {
                var chunks = await index.SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
                contexts.Add(new LessonGenerationContext(topic, Difficulty.Beginner, "Bench", chunks));
            }
        }

        await OverheadAsync(generator, contexts, timer);
        await BreakdownAsync(host.Services, contexts);
        fake.SetLatency(ModelLatency);
        await ConcurrencyAsync(host.Services, generator);
    }

    private static async Task OverheadAsync(ILessonGenerator generator, List<LessonGenerationContext> contexts, ModelTimer timer)
    {
        await generator.GenerateAsync(contexts[0], CancellationToken.None); // warm-up: JIT, connections
        var model = new List<double>();
        var overhead = new List<double>();
        var fallbacks = 0;
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            foreach (var context in contexts)
            {
                timer.Reset();
                var clock = Stopwatch.StartNew();
                var draft = await generator.GenerateAsync(context with { Difficulty = (Difficulty)(repeat % 3) }, CancellationToken.None);
                var total = clock.Elapsed.TotalMilliseconds;
                fallbacks += draft.FallbackReason is null ? 0 : 1;
                model.Add(timer.Milliseconds);
                overhead.Add(total - timer.Milliseconds);
            }
        }

        var modelStats = new Stats(model);
        var overheadStats = new Stats(overhead);
        Console.WriteLine();
        Console.WriteLine($"## LLM pipeline overhead ({contexts.Count} topics x {Repeats}, fake OpenAI on loopback with no latency; {fallbacks} fallbacks)");
        Console.WriteLine();
        Console.WriteLine("| step | p50 ms | p95 ms | p95 / model call p95 |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| model call: SDK + HTTP to the fake (baseline) | {Stats.Ms(modelStats.P50)} | {Stats.Ms(modelStats.P95)} | 1.00x |");
        Console.WriteLine($"| pipeline without the model call: screening, prompt, parse, validation, grounding, safety, redaction | {Stats.Ms(overheadStats.P50)} | {Stats.Ms(overheadStats.P95)} | {overheadStats.P95 / modelStats.P95:0.00}x |");
    }

    /// <summary>The overhead's parts, each timed alone on the same contexts.</summary>
    private static async Task BreakdownAsync(IServiceProvider services, List<LessonGenerationContext> contexts)
    {
        var pipeline = services.GetRequiredKeyedService<BmoLearning.Ai.Generation.LessonPipeline>(BmoLearning.Ai.AiServiceCollectionExtensions.LocalPipeline);
        var llm = services.GetRequiredService<LlmLessonGenerator>();
        var screen = new List<double>();
        var prompt = new List<double>();
        var check = new List<double>();
        var review = new List<double>();
        for (var repeat = 0; repeat < Repeats; repeat++)
        {
            foreach (var context in contexts)
            {
                var clock = Stopwatch.StartNew();
                var screened = pipeline.Screen(context);
                screen.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                var user = LessonPrompt.UserPrompt(screened);
                prompt.Add(clock.Elapsed.TotalMilliseconds);
                var reply = FakeModelServer.LessonJson(user);
                clock.Restart();
                var (draft, _) = await llm.CheckAsync(reply, screened, CancellationToken.None);
                check.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await pipeline.ReviewAsync(draft!, CancellationToken.None);
                review.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| part of the overhead | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, samples) in new[] { ("chunk screening (PII, injection)", screen), ("prompt", prompt), ("parse, validate, ground, safety rules", check), ("safety review and redaction", review) })
        {
            var stats = new Stats(samples);
            Console.WriteLine($"| {name} | {Stats.Ms(stats.P50)} | {Stats.Ms(stats.P95)} |");
        }
    }

    private static async Task ConcurrencyAsync(IServiceProvider services, ILessonGenerator generator)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fallbacks = 0;
        var requests = Enumerable.Range(0, Concurrent).Select(async i =>
        {
            await start.Task;
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var topic = Topics[i % Topics.Length];
            var chunks = await scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>().SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
            var draft = await generator.GenerateAsync(new LessonGenerationContext(topic, (Difficulty)(i % 3), "Bench", chunks), CancellationToken.None);
            if (draft.FallbackReason is not null)
            {
                Interlocked.Increment(ref fallbacks);
            }

            return clock.Elapsed.TotalMilliseconds;
        }).ToList();
        start.SetResult();
        var stats = new Stats(await Task.WhenAll(requests));

        Console.WriteLine();
        Console.WriteLine($"## {Concurrent} concurrent lesson requests (retrieval + generation) against a model that takes {ModelLatency.TotalSeconds:0} s ({fallbacks} fallbacks)");
        Console.WriteLine();
        Console.WriteLine("| measure | p50 ms | p95 ms | max ms | p95 / model latency |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| model latency (baseline) | {Stats.Ms(ModelLatency.TotalMilliseconds)} | {Stats.Ms(ModelLatency.TotalMilliseconds)} | {Stats.Ms(ModelLatency.TotalMilliseconds)} | 1.00x |");
        Console.WriteLine($"| lesson request | {Stats.Ms(stats.P50)} | {Stats.Ms(stats.P95)} | {Stats.Ms(stats.Percentile(1.0))} | {stats.P95 / ModelLatency.TotalMilliseconds:0.00}x |");
    }

    /// <summary>Time spent inside the model call of the current (sequential) request.</summary>
    private sealed class ModelTimer
    {
        private long _ticks;

        public double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;

        public void Reset() => Interlocked.Exchange(ref _ticks, 0);

        public void Add(TimeSpan elapsed) => Interlocked.Add(ref _ticks, elapsed.Ticks);
    }

    private sealed class TimedChatClient(IChatClient inner, ModelTimer timer) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken);
            }
            finally
            {
                timer.Add(clock.Elapsed);
            }
        }
    }
}
