using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BmoLearning.Tests.Jobs;

public sealed class LessonJobTests
{
    [Fact]
    public async Task A_failing_generation_is_retried_with_backoff_and_then_succeeds()
    {
        var generator = new FlakyGenerator(failures: 1);
        using var factory = new BmoAppFactory().WithServices(s => s.AddTestGenerator(generator));
        var client = factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();

        var request = await client.RequestLessonAsync((string)learner["id"]!);
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);

        Assert.Equal("ready", (string?)done["status"]);
        Assert.Equal(2, (int)done["attempts"]!);
        Assert.Equal(2, generator.Calls);
        Assert.Equal("flaky", (string?)done["lesson"]!["generator"]);
    }

    [Fact]
    public async Task A_generation_that_keeps_failing_ends_failed_with_the_reason()
    {
        var generator = new FlakyGenerator(failures: int.MaxValue);
        using var factory = new BmoAppFactory()
            .With("Generation:MaxAttempts", "2")
            .WithServices(s => s.AddTestGenerator(generator));
        var client = factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();

        var request = await client.RequestLessonAsync((string)learner["id"]!);
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);

        Assert.Equal("failed", (string?)done["status"]);
        Assert.Equal(2, (int)done["attempts"]!);
        Assert.Contains("after 2 attempts", (string?)done["error"], StringComparison.Ordinal);
        Assert.Contains("503", (string?)done["error"], StringComparison.Ordinal);
        Assert.Equal(2, generator.Calls);
    }

    [Fact]
    public async Task A_request_queued_while_no_worker_runs_completes_after_a_restart_with_a_worker()
    {
        string dataDir;
        string requestId;
        using (var apiOnly = new BmoAppFactory().With("Bmo:Roles", "api"))
        {
            dataDir = apiOnly.DataDir;
            var client = apiOnly.CreateAdminClient();
            var learner = await client.CreateLearnerAsync();
            requestId = (string)(await client.RequestLessonAsync((string)learner["id"]!))["id"]!;
            await Task.Delay(1500);
            var still = await (await client.GetAsync($"/api/v1/lesson_requests/{requestId}")).ReadObjectAsync();
            Assert.Equal("queued", (string?)still["status"]);
        }

        using var restarted = new BmoAppFactory(dataDir);
        var done = await restarted.CreateAdminClient().WaitForLessonRequestAsync(requestId);
        Assert.Equal("ready", (string?)done["status"]);
    }

    [Fact]
    public async Task A_worker_that_dies_mid_job_loses_no_request()
    {
        var hanging = new HangingGenerator();
        string dataDir;
        string requestId;
        var dead = new BmoAppFactory()
            .With("Jobs:InvisibilityTimeout", "00:00:03")
            .With("Ingestion:MaxDuration", "00:00:01")
            .With("Generation:ClaimLease", "00:00:02")
            .WithServices(s =>
            {
                s.AddTestGenerator(hanging);
                s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
            });
        dataDir = dead.DataDir;
        var client = dead.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();
        requestId = (string)(await client.RequestLessonAsync((string)learner["id"]!))["id"]!;
        Assert.True(hanging.Started.Wait(TimeSpan.FromSeconds(30)), "the job never started");
        // The hung job ignores shutdown: like a killed process, it never finishes or hands the job back.
        try
        {
            await dead.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Shutdown timed out waiting for the hung job, as it would for a dead process.
        }

        using var survivor = new BmoAppFactory(dataDir)
            .With("Jobs:InvisibilityTimeout", "00:00:03")
            .With("Ingestion:MaxDuration", "00:00:01")
            .With("Generation:ClaimLease", "00:00:02");
        var done = await survivor.CreateAdminClient().WaitForLessonRequestAsync(requestId);
        Assert.Equal("ready", (string?)done["status"]);
        Assert.Equal("offline-extractive", (string?)done["lesson"]!["generator"]);
        hanging.Release();
    }

    [Fact]
    public async Task A_late_result_from_a_worker_whose_lease_ran_out_is_discarded()
    {
        var hanging = new HangingGenerator();
        // No worker role: this test runs both workers' jobs itself, so it knows when each has finished.
        using var factory = new BmoAppFactory()
            .With("Bmo:Roles", "api")
            .With("Generation:ClaimLease", "00:00:01")
            .WithServices(s => s.AddTestGenerator(hanging));
        var client = factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();
        var requestId = Guid.Parse((string)(await client.RequestLessonAsync((string)learner["id"]!))["id"]!);

        await using var slowScope = factory.Services.CreateAsyncScope();
        var slowWorker = Task.Run(() => slowScope.ServiceProvider.GetRequiredService<LessonGenerationJob>().RunAsync(requestId, CancellationToken.None));
        Assert.True(hanging.Started.Wait(TimeSpan.FromSeconds(30)), "the first worker never started");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // its one-second lease runs out

        await using (var secondScope = factory.Services.CreateAsyncScope())
        {
            await secondScope.ServiceProvider.GetRequiredService<LessonGenerationJob>().RunAsync(requestId, CancellationToken.None);
        }

        var ready = await (await client.GetAsync($"/api/v1/lesson_requests/{requestId}")).ReadObjectAsync();
        Assert.Equal("ready", (string?)ready["status"]);

        // The first worker now returns its lesson and tries to store it; awaiting it means that write was tried.
        hanging.Release();
        await slowWorker.WaitAsync(TimeSpan.FromSeconds(30));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(2, hanging.Calls);
        Assert.Equal(1, await db.Lessons.CountAsync(l => l.LearnerId == Guid.Parse((string)learner["id"]!)));
        var stored = await db.LessonRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal(Guid.Parse((string)ready["lesson"]!["id"]!), stored.LessonId);
    }

    [Fact]
    public async Task Running_the_job_twice_for_a_finished_request_changes_nothing()
    {
        using var factory = new BmoAppFactory();
        var client = factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();
        var request = await client.RequestLessonAsync((string)learner["id"]!);
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);

        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LessonGenerationJob>().RunAsync(Guid.Parse((string)request["id"]!), CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Lessons.CountAsync(l => l.LearnerId == Guid.Parse((string)learner["id"]!)));
        var after = await db.LessonRequests.SingleAsync(r => r.Id == Guid.Parse((string)request["id"]!));
        Assert.Equal((int)done["attempts"]!, after.Attempts);
    }

    [Fact]
    public async Task A_lesson_that_cannot_be_saved_is_retried_instead_of_left_generating()
    {
        // The first attempt's lesson breaks a constraint every time it is saved (as a concept two workers created at
        // once did): the retry bookkeeping must not try to save it again, or the request stays generating.
        var doomed = new RefuseFirstLesson();
        using var factory = new BmoAppFactory().WithServices(s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(doomed)));
        var client = factory.CreateAdminClient();
        var learner = await client.CreateLearnerAsync();

        var request = await client.RequestLessonAsync((string)learner["id"]!);
        var done = await client.WaitForLessonRequestAsync((string)request["id"]!);

        Assert.Equal("ready", (string?)done["status"]);
        Assert.Equal(2, (int)done["attempts"]!);
        Assert.True(doomed.Refusals >= 1);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Lessons.CountAsync(l => l.LearnerId == Guid.Parse((string)learner["id"]!)));
    }

    /// <summary>Fails every save that holds the first lesson it sees, the way a unique index refuses a duplicate.</summary>
    private sealed class RefuseFirstLesson : SaveChangesInterceptor
    {
        private Guid? _doomed;
        private int _refusals;

        public int Refusals => _refusals;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            var added = eventData.Context!.ChangeTracker.Entries<Lesson>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToList();
            lock (this)
            {
                _doomed ??= added.FirstOrDefault() is var first && first != Guid.Empty ? first : null;
            }

            if (_doomed is { } id && added.Contains(id))
            {
                Interlocked.Increment(ref _refusals);
                throw new DbUpdateException("UNIQUE constraint failed (simulated)");
            }

            return base.SavingChangesAsync(eventData, result, ct);
        }
    }
}
