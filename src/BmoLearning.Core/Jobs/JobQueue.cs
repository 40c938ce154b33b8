using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Hangfire;

namespace BmoLearning.Core.Jobs;

/// <summary>Puts work on the durable job queue that the worker role drains.</summary>
public interface IJobQueue
{
    string EnqueueLessonGeneration(Guid lessonRequestId);

    string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay);

    /// <summary>Delivers a lesson (sequence 0) or a reminder about its question (1..).</summary>
    string EnqueueDelivery(Guid lessonId, int sequence);

    string ScheduleDelivery(Guid lessonId, int sequence, TimeSpan delay);

    string EnqueueDocumentProcessing(Guid documentId);
}

internal sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
{
    public string EnqueueLessonGeneration(Guid lessonRequestId) =>
        client.Enqueue<LessonGenerationJob>(job => job.RunAsync(lessonRequestId, CancellationToken.None));

    public string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay) =>
        client.Schedule<LessonGenerationJob>(job => job.RunAsync(lessonRequestId, CancellationToken.None), delay);

    public string EnqueueDelivery(Guid lessonId, int sequence) =>
        client.Enqueue<DeliveryJob>(job => job.RunAsync(lessonId, sequence, CancellationToken.None));

    public string ScheduleDelivery(Guid lessonId, int sequence, TimeSpan delay) =>
        client.Schedule<DeliveryJob>(job => job.RunAsync(lessonId, sequence, CancellationToken.None), delay);

    public string EnqueueDocumentProcessing(Guid documentId) =>
        client.Enqueue<DocumentProcessingJob>(job => job.RunAsync(documentId, CancellationToken.None));
}
