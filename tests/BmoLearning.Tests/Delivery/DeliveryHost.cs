using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Delivery;

/// <summary>
/// The worker's services without Hangfire: a fake clock, and a job queue the test drains by hand, so jobs
/// run exactly when (fake) time says they are due. On a real, migrated SQLite file.
/// </summary>
internal sealed class DeliveryHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DeliveryHost(IHost host, FakeTimeProvider time, RecordingJobQueue jobs)
    {
        _host = host;
        Time = time;
        Jobs = jobs;
    }

    public FakeTimeProvider Time { get; }

    public RecordingJobQueue Jobs { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<DeliveryHost> CreateAsync(DateTimeOffset start, IDictionary<string, string?>? settings = null, bool seeded = false, ILoggerProvider? logs = null)
    {
        var dataDir = TempDirectory.Create("bmo-delivery");
        if (seeded && !TestEnvironment.UsesPostgres)
        {
            SeededDataTemplate.CopyTo(dataDir);
        }

        var time = new FakeTimeProvider(start);
        var jobs = new RecordingJobQueue(time);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        // The provider of this test pass (SQLite, or PostgreSQL with the seeded template database).
        var config = TestSettings.For(dataDir, seeded, out _);
        // This host runs on a fake clock, so the organisation's default quiet hours apply as in production.
        config["Delivery:QuietHoursStart"] = "20:00";
        config["Delivery:QuietHoursEnd"] = "08:00";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddBmoCore();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.RemoveAll<IJobQueue>();
        builder.Services.AddSingleton<IJobQueue>(jobs);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        return new DeliveryHost(host, time, jobs);
    }

    public AsyncServiceScope Scope() => _host.Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<Learner> AddLearnerAsync(Action<Learner>? configure = null)
    {
        var now = Time.GetUtcNow();
        var learner = new Learner { Email = $"l-{Guid.NewGuid():N}@example.com", Name = "Pat Learner", CreatedAt = now, UpdatedAt = now };
        configure?.Invoke(learner);
        return await WithDbAsync(async db =>
        {
            db.Learners.Add(learner);
            await db.SaveChangesAsync();
            return learner;
        });
    }

    /// <summary>A ready lesson with four options (B correct), as the generation job leaves it.</summary>
    public async Task<Lesson> AddLessonAsync(Learner learner, string topic = "Grace periods", LessonRequestOrigin origin = LessonRequestOrigin.OnDemand)
    {
        var now = Time.GetUtcNow();
        return await WithDbAsync(async db =>
        {
            var key = LearningPath.KeyFor(topic);
            var path = await db.LearningPaths.SingleOrDefaultAsync(p => p.LearnerId == learner.Id && p.TopicKey == key);
            if (path is null)
            {
                path = new LearningPath { LearnerId = learner.Id, Topic = topic, TopicKey = key, CreatedAt = now, UpdatedAt = now };
                db.LearningPaths.Add(path);
            }

            var lesson = new Lesson
            {
                LearningPathId = path.Id,
                LearnerId = learner.Id,
                Topic = topic,
                Content = "A grace period is the time between the end of a statement cycle and the payment due date. Pay the full balance by the due date and no interest is charged on purchases.",
                KeyPoints = ["Grace periods apply to purchases.", "Pay the statement balance in full.", "Cash advances have no grace period."],
                Scenario = "A client pays only half the balance & asks why interest <appeared>.",
                QuizQuestion = "When is no interest charged on purchases?",
                QuizOptions = ["When the minimum is paid", "When the statement balance is paid in full by the due date", "When the card is new", "Never"],
                CorrectAnswer = 1,
                Explanation = "Interest on purchases is waived only when the full statement balance is paid by the due date.",
                GeneratorName = "test",
                GeneratorVersion = "1",
                CreatedAt = now,
            };
            db.Lessons.Add(lesson);
            db.LessonRequests.Add(new LessonRequest
            {
                LearnerId = learner.Id, LearningPathId = path.Id, Topic = topic, Origin = origin, Status = LessonRequestStatus.Ready,
                LessonId = lesson.Id, CreatedAt = now, UpdatedAt = now, CompletedAt = now,
            });
            await db.SaveChangesAsync();
            return lesson;
        });
    }

    public async Task DeliverAsync(Guid lessonId, int sequence = 0)
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<DeliveryJob>().RunAsync(lessonId, sequence, CancellationToken.None);
    }

    /// <summary>
    /// The lesson's delivery records in the order they were tried. Records made in one job share the fake clock's
    /// time (and time-ordered ids are random within a millisecond), so ties follow the job's channel order:
    /// the preferred channel first, then <see cref="DeliveryJob.FallbackOrder"/>.
    /// </summary>
    public async Task<List<LessonDelivery>> DeliveriesAsync(Guid lessonId)
    {
        var records = await WithDbAsync(db => db.LessonDeliveries.AsNoTracking().Where(d => d.LessonId == lessonId).ToListAsync());
        return records
            .OrderBy(d => d.CreatedAt)
            .ThenBy(d => d.Sequence)
            .ThenBy(d => d.FallbackFrom is null ? -1 : DeliveryJob.FallbackOrder.ToList().IndexOf(d.Channel))
            .ToList();
    }

    /// <summary>Runs every job that is due now (and any they queue that is due now), oldest first.</summary>
    public async Task<int> DrainAsync()
    {
        var ran = 0;
        while (Jobs.TakeDue() is { } job)
        {
            await using var scope = Scope();
            if (job.Kind == JobKind.Generation)
            {
                await scope.ServiceProvider.GetRequiredService<LessonGenerationJob>().RunAsync(job.Id, CancellationToken.None);
            }
            else
            {
                await scope.ServiceProvider.GetRequiredService<DeliveryJob>().RunAsync(job.Id, job.Sequence, CancellationToken.None);
            }

            if (++ran > 1000)
            {
                throw new InvalidOperationException("Jobs keep queueing jobs that are due at once.");
            }
        }

        return ran;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

internal enum JobKind
{
    Generation,
    Delivery,
}

internal sealed record QueuedJob(JobKind Kind, Guid Id, int Sequence, DateTimeOffset DueAt);

/// <summary>Records what would go on the Hangfire queue, with when it would run.</summary>
internal sealed class RecordingJobQueue(TimeProvider time) : IJobQueue
{
    private readonly List<QueuedJob> _jobs = [];

    public IReadOnlyList<QueuedJob> All
    {
        get
        {
            lock (_jobs)
            {
                return _jobs.ToList();
            }
        }
    }

    public string EnqueueLessonGeneration(Guid lessonRequestId) => Add(new QueuedJob(JobKind.Generation, lessonRequestId, 0, time.GetUtcNow()));

    public string ScheduleLessonGeneration(Guid lessonRequestId, TimeSpan delay) => Add(new QueuedJob(JobKind.Generation, lessonRequestId, 0, time.GetUtcNow() + delay));

    public string EnqueueDelivery(Guid lessonId, int sequence) => Add(new QueuedJob(JobKind.Delivery, lessonId, sequence, time.GetUtcNow()));

    public string ScheduleDelivery(Guid lessonId, int sequence, TimeSpan delay) => Add(new QueuedJob(JobKind.Delivery, lessonId, sequence, time.GetUtcNow() + delay));

    public string EnqueueDocumentProcessing(Guid documentId) => throw new NotSupportedException("Document processing is not part of delivery tests.");

    public QueuedJob? TakeDue()
    {
        lock (_jobs)
        {
            var due = _jobs.Where(j => j.DueAt <= time.GetUtcNow()).OrderBy(j => j.DueAt).FirstOrDefault();
            if (due is not null)
            {
                _jobs.Remove(due);
            }

            return due;
        }
    }

    private string Add(QueuedJob job)
    {
        lock (_jobs)
        {
            _jobs.Add(job);
            return Guid.NewGuid().ToString("N");
        }
    }
}
