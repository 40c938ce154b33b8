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
