using System.Net;
using BmoLearning.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BmoLearning.Tests.Production;

/// <summary>`serve --role`: each role runs only its part, with the same configuration.</summary>
public sealed class RoleTests
{
    private static bool RunsJobs(BmoAppFactory factory) =>
        factory.Services.GetServices<IHostedService>().Any(s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal));

    [Fact]
    public async Task The_api_role_serves_learners_but_never_executes_jobs()
    {
        using var factory = new BmoAppFactory().With("Bmo:Roles", "api");
        Assert.False(RunsJobs(factory));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync("/api/v1/learners")).StatusCode);
        Assert.NotNull(factory.Services.GetService<IBackgroundJobClient>());
    }

    [Fact]
    public async Task The_worker_role_executes_jobs_and_serves_only_health()
    {
        using var factory = new BmoAppFactory().With("Bmo:Roles", "worker");
        var client = factory.CreateAdminClient();
        Assert.True(RunsJobs(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health")).StatusCode);
    }

    [Fact]
    public async Task The_ai_role_serves_no_learner_routes_and_runs_no_jobs()
    {
        using var factory = new BmoAppFactory().With("Bmo:Roles", "ai");
        var client = factory.CreateAdminClient();
        Assert.False(RunsJobs(factory));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal("ai-service", (string?)(await (await client.GetAsync("/health")).ReadObjectAsync())["service"]);
    }

    [Fact]
    public async Task Two_workers_on_one_queue_produce_exactly_one_lesson_per_request()
    {
        using var api = new BmoAppFactory().With("Bmo:Roles", "api,worker").With("Jobs:WorkerCount", "2");
        using var second = new BmoAppFactory(api.DataDir).With("Bmo:Roles", "worker").With("Jobs:WorkerCount", "2");
        Assert.True(RunsJobs(second));
        var client = api.CreateAdminClient();
        var learnerId = (string)(await client.CreateLearnerAsync())["id"]!;

        var ids = new List<string>();
        foreach (var topic in new[] { "APR", "Annual fees", "Credit limits", "Grace periods", "Rewards", "Minimum payments" })
        {
            ids.Add((string)(await client.RequestLessonAsync(learnerId, topic))["id"]!);
        }

        foreach (var id in ids)
        {
            Assert.Equal("ready", (string?)(await client.WaitForLessonRequestAsync(id))["status"]);
        }

        var lessons = await (await client.GetAsync($"/api/v1/learners/{learnerId}/lessons")).ReadObjectAsync();
        Assert.Equal(ids.Count, lessons["items"]!.AsArray().Count);
    }
}
