using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Jobs;
using Hangfire;

namespace BmoLearning.Host.Jobs;

/// <summary>The job queue on Hangfire: each call names the job type and method the worker runs.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client) : IJobQueue
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
