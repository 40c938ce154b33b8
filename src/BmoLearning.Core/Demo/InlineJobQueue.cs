using BmoLearning.Core.Jobs;

namespace BmoLearning.Core.Demo;

/// <summary>A job the services asked for: lesson generation or a delivery, due at a moment of the demo clock.</summary>
public sealed record DemoJob(DemoJobKind Kind, Guid Id, int Sequence, DateTimeOffset DueAt);

public enum DemoJobKind
{
    LessonGeneration,
    Delivery,
    DocumentProcessing,
}

/// <summary>
/// The job queue for demo data: it keeps what the services enqueue (with the time it is due on the demo clock) so the
/// generator runs the real jobs itself, in order, as the clock passes them; no worker, no Hangfire.
/// </summary>
public sealed class InlineJobQueue(DemoClock clock) : IJobQueue
{
    private readonly List<DemoJob> _jobs = [];
    private int _next;

    /// <summary>Removes and returns the jobs due by now, earliest first.</summary>
    public IReadOnlyList<DemoJob> TakeDue()
    {
        lock (_jobs)
        {
            var due = _jobs.Where(j => j.DueAt <= clock.Now).OrderBy(j => j.DueAt).ToList();
            _jobs.RemoveAll(j => j.DueAt <= clock.Now);
            return due;
        }
    }

    public int Pending
    {
        get
        {
            lock (_jobs)
            {
                return _jobs.Count;
            }
        }
    }

    public string EnqueueLessonGeneration(Guid lessonRequestId) => Add(DemoJobKind.LessonGeneration, lessonRequestId, 0, TimeSpan.Zero);

    public string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay) => Add(DemoJobKind.LessonGeneration, lessonRequestId, 0, delay);

    public string EnqueueDelivery(Guid lessonId, int sequence) => Add(DemoJobKind.Delivery, lessonId, sequence, TimeSpan.Zero);

    public string ScheduleDelivery(Guid lessonId, int sequence, TimeSpan delay) => Add(DemoJobKind.Delivery, lessonId, sequence, delay);

    public string EnqueueDocumentProcessing(Guid documentId) => Add(DemoJobKind.DocumentProcessing, documentId, 0, TimeSpan.Zero);

    private string Add(DemoJobKind kind, Guid id, int sequence, TimeSpan delay)
    {
        lock (_jobs)
        {
            _jobs.Add(new DemoJob(kind, id, sequence, clock.Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay)));
            return $"demo-{++_next}";
        }
    }
}
