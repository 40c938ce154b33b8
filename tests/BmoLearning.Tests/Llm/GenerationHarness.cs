using BmoLearning.Ai;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Llm;

/// <summary>The lesson generation services alone (no web host, no database), pointed at a <see cref="FakeModelServer"/>.</summary>
internal sealed class GenerationHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private GenerationHarness(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public ILessonGenerator Generator => _services.GetRequiredService<ILessonGenerator>();

    public CircuitMonitor Circuits => _services.GetRequiredService<CircuitMonitor>();

    public static GenerationHarness Create(FakeModelServer fake, string provider, params (string Key, string? Value)[] settings) =>
        Create(fake, provider, logs: null, settings);

    /// <summary>As above, with the pipeline's log lines also going to <paramref name="logs"/>.</summary>
    public static GenerationHarness Create(FakeModelServer fake, string provider, ILoggerProvider? logs, params (string Key, string? Value)[] settings) =>
        Create(fake, provider, logs, extra: null, settings);

    /// <summary>As above, with <paramref name="extra"/> registering more services (a counting safety check).</summary>
    public static GenerationHarness Create(FakeModelServer fake, string provider, ILoggerProvider? logs, Action<IServiceCollection>? extra, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Ai:Provider"] = provider,
            ["Ai:OpenAI:ApiKey"] = provider == "openai" ? "test-openai-key" : null,
            ["Ai:OpenAI:BaseUrl"] = fake.OpenAiBaseUrl,
            ["Ai:Anthropic:ApiKey"] = "test-anthropic-key",
            ["Ai:Anthropic:BaseUrl"] = fake.AnthropicBaseUrl,
            ["Ai:Resilience:RetryBaseDelay"] = "00:00:00.050",
            ["Ai:Resilience:AttemptTimeout"] = "00:00:10",
            ["Ai:Safety:Moderation"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging(l =>
            {
                l.SetMinimumLevel(LogLevel.Warning);
                if (logs is not null)
                {
                    l.AddProvider(logs);
                }
            })
            .AddAiServices();
        extra?.Invoke(services);
        return new GenerationHarness(services.BuildServiceProvider());
    }

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext? context = null) =>
        Generator.GenerateAsync(context ?? Context(), CancellationToken.None);

    public void Dispose() => _services.Dispose();

    public static readonly Guid DocumentId = Guid.Parse("0195a000-0000-7000-8000-000000000001");

    /// <summary>Three passages of a card guide, as retrieval would return them.</summary>
    public static LessonGenerationContext Context(string topic = "grace periods", params RetrievedChunk[] extra) =>
        new(topic, Difficulty.Beginner, "Test User", [
            Chunk(101, "Grace periods", "A grace period is the time between the end of a billing cycle and the payment due date. No interest is charged on purchases when the full statement balance is paid by the due date. The grace period on business cards is usually at least 21 days."),
            Chunk(102, "APR", "The annual percentage rate, or APR, is the yearly cost of borrowing on the card. Interest accrues daily on any balance that is carried past the due date. Cash advances usually start accruing interest on the day they are taken."),
            Chunk(103, "Statements", "Business cardholders should review each statement for unfamiliar charges. Disputed charges must be reported within 60 days of the statement date. Employee cards can have individual spending limits set by the account owner."),
            .. extra,
        ]);

    public static RetrievedChunk Chunk(long id, string section, string text) =>
        new(id, DocumentId, "Business card guide", $"Business card guide > {section}", text, (int)id, null, null, 0.9, 0.8, false, []);
}
