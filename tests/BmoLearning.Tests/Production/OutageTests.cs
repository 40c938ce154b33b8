using System.Net;
using System.Net.Http.Json;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Production;

/// <summary>PostgreSQL and Redis go away mid-run and come back: nothing accepted is lost, nothing needs a restart.</summary>
public sealed class OutageTests
{
    [PostgresAndRedisFact]
    public async Task Stopping_postgres_and_redis_mid_run_gives_503_loses_no_accepted_request_and_recovers()
    {
        await using var servers = await PrivateServers.StartAsync();
        await servers.CreateDatabaseAsync("bmo");
        var env = ProductionRolesTests.Environment(servers.DatabaseUrl("bmo"), servers.RedisUrl);
        // Short timings so a lost job is found again in seconds, not minutes.
        env["Generation__ClaimLease"] = "00:00:03";
        // Every element: appsettings.json holds three, and the sweep waits past the longest.
        env["Generation__RetryDelaysSeconds__0"] = "1";
        env["Generation__RetryDelaysSeconds__1"] = "1";
        env["Generation__RetryDelaysSeconds__2"] = "1";
        env["Generation__MaxAttempts"] = "10";
        env["Jobs__RecoveryInterval"] = "00:00:02";
        env["Jobs__InvisibilityTimeout"] = "00:00:05";
        env["Ingestion__MaxDuration"] = "00:00:02";
        env["Database__MaxRetryCount"] = "1";
        env["Database__MaxRetryDelay"] = "00:00:01";
        env["Database__ConnectTimeoutSeconds"] = "2";

        var documents = TempDirectory.Create("bmo-outage-docs");
        await File.WriteAllTextAsync(Path.Combine(documents, "apr.md"), """
            # APR and interest

            ## What APR means

            The annual percentage rate (APR) is the yearly cost of carrying a balance on a business credit card. Interest accrues daily on the balance that is not paid by the due date.

            ## Paying in full

            A business that pays the full statement balance by the due date pays no interest on purchases, because the grace period applies.

            ## Cash advances

            A cash advance starts accruing interest on the day it is taken. The cash advance rate is higher than the purchase rate.

            ## Penalty rate

            A payment that is more than 60 days late can trigger the penalty APR on new purchases. The penalty rate is reviewed after six on-time payments.
            """);
        Assert.Equal(0, (await BmoProcess.RunAsync(["migrate"], env)).ExitCode);
        Assert.Equal(0, (await BmoProcess.RunAsync(["ingest", documents, "--category", "lesson"], env)).ExitCode);

        await using var api = BmoProcess.Serve("api", env);
        await using var worker = BmoProcess.Serve("worker", env);
        await Task.WhenAll(api.WaitUntilLiveAsync(), worker.WaitUntilLiveAsync());
        await Task.WhenAll(api.WaitUntilReadyAsync(), worker.WaitUntilReadyAsync());
        var client = api.CreateClient();
        var learnerId = (string)(await client.CreateLearnerAsync())["id"]!;
        var accepted = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            accepted.Add((string)(await client.RequestLessonAsync(learnerId, "APR"))["id"]!);
        }

        await servers.HaltAsync();

        foreach (var process in new[] { api, worker })
        {
            var readiness = await process.CreateClient(apiKey: null).GetAsync("/api/v1/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            var body = await readiness.ReadObjectAsync();
            Assert.Equal("disconnected", (string?)body["database"]);
            Assert.Equal("disconnected", (string?)body["redis"]);
            Assert.Equal(HttpStatusCode.OK, (await process.CreateClient(apiKey: null).GetAsync("/health")).StatusCode);
        }

        // A request during the outage is refused with 503 (retry later), never accepted and then dropped.
        var refused = await client.PostAsJsonAsync($"/api/v1/learners/{learnerId}/request_lesson", new { topic = "APR", difficulty = "beginner" });
        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        await servers.ResumeAsync();

        // The same processes recover by themselves.
        await api.WaitUntilReadyAsync();
        await worker.WaitUntilReadyAsync();
        accepted.Add((string)(await client.RequestLessonAsync(learnerId, "APR"))["id"]!);
        foreach (var id in accepted)
        {
            System.Text.Json.Nodes.JsonObject done;
            try
            {
                done = await client.WaitForLessonRequestAsync(id, TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}\n--- api\n{api.Output}\n--- worker\n{worker.Output}", ex);
            }

            Assert.True((string?)done["status"] == "ready", $"{done.ToJsonString()}\n--- api\n{api.Output}\n--- worker\n{worker.Output}");
        }
    }
}
