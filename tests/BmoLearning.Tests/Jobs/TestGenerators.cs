using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Core.Lessons;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Jobs;

/// <summary>Fails the first <paramref name="failures"/> calls, then behaves like the offline generator.</summary>
internal sealed class FlakyGenerator(int failures) : ILessonGenerator
{
    private int _calls;

    /// <summary>The offline generator as the application wires it (with the knowledge base's glossary); see <see cref="TestGenerators.AddTestGenerator"/>.</summary>
    public OfflineLessonGenerator Inner { get; set; } = new();

    public int Calls => _calls;

    public string Name => "flaky";

    public string Version => "test";

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct) =>
        Interlocked.Increment(ref _calls) <= failures
            ? throw new HttpRequestException("model endpoint returned 503")
            : Inner.GenerateAsync(context, ct);
}

/// <summary>
/// Its first call blocks until released and ignores cancellation (a worker that hangs or dies mid-job);
/// later calls, from other workers, answer at once.
/// </summary>
internal sealed class HangingGenerator : ILessonGenerator
{
    private readonly ManualResetEventSlim _release = new(false);
    private int _calls;

    public ManualResetEventSlim Started { get; } = new(false);

    public int Calls => _calls;

    /// <summary>The offline generator as the application wires it (with the knowledge base's glossary).</summary>
    public OfflineLessonGenerator Inner { get; set; } = new();

    public string Name => "hanging";

    public string Version => "test";

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Started.Set();
            _release.Wait(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        return Inner.GenerateAsync(context, CancellationToken.None);
    }

    public void Release() => _release.Set();
}

internal static class TestGenerators
{
    /// <summary>Registers a test generator that answers, when it does, with the application's own offline generator.</summary>
    public static IServiceCollection AddTestGenerator(this IServiceCollection services, FlakyGenerator generator) =>
        services.AddSingleton<ILessonGenerator>(sp =>
        {
            generator.Inner = sp.GetRequiredService<OfflineLessonGenerator>();
            return generator;
        });

    /// <inheritdoc cref="AddTestGenerator(IServiceCollection, FlakyGenerator)"/>
    public static IServiceCollection AddTestGenerator(this IServiceCollection services, HangingGenerator generator) =>
        services.AddSingleton<ILessonGenerator>(sp =>
        {
            generator.Inner = sp.GetRequiredService<OfflineLessonGenerator>();
            return generator;
        });
}
