using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Tests.Jobs;

/// <summary>Fails the first <paramref name="failures"/> calls, then behaves like the offline generator.</summary>
internal sealed class FlakyGenerator(int failures) : ILessonGenerator
{
    private readonly OfflineLessonGenerator _inner = new();
    private int _calls;

    public int Calls => _calls;

    public string Name => "flaky";

    public string Version => "test";

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct) =>
        Interlocked.Increment(ref _calls) <= failures
            ? throw new HttpRequestException("model endpoint returned 503")
            : _inner.GenerateAsync(context, ct);
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

    public string Name => "hanging";

    public string Version => "test";

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Started.Set();
            _release.Wait(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        return new OfflineLessonGenerator().GenerateAsync(context, CancellationToken.None);
    }

    public void Release() => _release.Set();
}
