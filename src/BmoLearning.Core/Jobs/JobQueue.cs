using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Hangfire;

namespace BmoLearning.Core.Jobs;

/// <summary>Puts work on the durable job queue that the worker role drains.</summary>
public interface IJobQueue
{
    string EnqueueLessonGeneration(Guid lessonRequestId);

    string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay);

    string EnqueueDocumentProcessing(Guid documentId);
}

internal sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
{
    public string EnqueueLessonGeneration(Guid lessonRequestId) =>
        client.Enqueue<LessonGenerationJob>(job => job.RunAsync(lessonRequestId, CancellationToken.None));

    public string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay) =>
        client.Schedule<LessonGenerationJob>(job => job.RunAsync(lessonRequestId, CancellationToken.None), delay);

    public string EnqueueDocumentProcessing(Guid documentId) =>
        client.Enqueue<DocumentProcessingJob>(job => job.RunAsync(documentId, CancellationToken.None));
}
