using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Experiments;

/// <summary>/api/v1/experiments through the real host: the lifecycle, every refusal with its field, and who may call it.</summary>
public sealed class ExperimentApiTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task An_experiment_is_defined_listed_started_read_stopped_and_shipped()
    {
        var admin = _factory.CreateAdminClient();

        var created = await admin.CreateAsync(ExperimentApi.LessonLength());
        var id = (string)created["id"]!;
        Assert.Equal("draft", (string?)created["status"]);
        Assert.Equal("lesson_length", (string?)created["factor"]);
        Assert.Equal(["normal", "short"], created["variants"]!.AsArray().Select(v => (string?)v!["name"]));
        // Planned sample for 40% → 50% at two-sided 5%, power 0.8 is about 385 per arm.
        Assert.InRange((long)created["planned_per_variant"]!, 350, 420);

        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/experiments"))!;
        Assert.Equal(id, (string?)Assert.Single(listed)!["id"]);
        Assert.Equal("draft", (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{id}"))!["status"]);

        var started = await admin.ActAsync(id, "start");
        Assert.Equal("running", (string?)started["status"]);
        Assert.NotNull(started["started_at"]);

        // Nobody has been exposed yet: results are empty, per variant, and say the planned sample is not reached.
        var results = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{id}/results"))!;
        Assert.Equal(id, (string?)results["experiment_id"]);
        Assert.Equal("not_yet_at_planned_sample", (string?)results["state"]);
        Assert.Equal([0L, 0L], results["sample_ratio"]!["exposed"]!.AsArray().Select(x => (long)x!));
        var primary = Assert.Single(results["metrics"]!.AsArray(), m => (bool)m!["primary"]!)!;
        Assert.Equal("answered_within_24h", (string?)primary["metric"]);
        Assert.Equal(["normal", "short"], primary["variants"]!.AsArray().Select(v => (string?)v!["variant"]));

        var stopped = await admin.ActAsync(id, "stop");
        Assert.Equal("stopped", (string?)stopped["status"]);
        Assert.NotNull(stopped["stopped_at"]);

        var shipped = await admin.ActAsync(id, "ship", new { variant = "short" });
        Assert.Equal("shipped", (string?)shipped["status"]);
        Assert.Equal("short", (string?)shipped["shipped_variant"]);
        Assert.Equal(stopped["stopped_at"]!.ToString(), shipped["stopped_at"]!.ToString());

        // Every change is in the audit chain with the experiment as subject and the key's id as actor; reads are not.
        await using var scope = _factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.SubjectId == id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["CreateExperiment", "StartExperiment", "StopExperiment", "ShipExperiment"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.StartsWith("key:", e.Actor, StringComparison.Ordinal));
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Bad_definitions_are_refused_with_the_field_and_the_reason_and_nothing_is_stored()
    {
        var admin = _factory.CreateAdminClient();

        var weights = ExperimentApi.LessonLength(controlWeight: 50, shortWeight: 40);
        Assert.Contains("100", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", weights), "variants"), StringComparison.Ordinal);

        var metric = ExperimentApi.LessonLength();
        metric["primary_metric"] = "happiness";
        Assert.Contains("Unknown metric 'happiness'", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", metric), "primary_metric"), StringComparison.Ordinal);

        var guardrail = ExperimentApi.LessonLength();
        guardrail["guardrails"] = new[] { "accuracy", "revenue" };
        Assert.Contains("'revenue'", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", guardrail), "guardrails[1]"), StringComparison.Ordinal);

        var factor = ExperimentApi.LessonLength();
        factor["factor"] = "font_size";
        Assert.Contains("Unknown factor 'font_size'", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", factor), "factor"), StringComparison.Ordinal);

        var unwired = ExperimentApi.LessonLength();
        unwired["factor"] = "question_type_mix";
        unwired["variants"] = new object[] { new { name = "single", weight = 50, value = "single_choice" }, new { name = "scenario", weight = 50, value = "scenario_first" } };
        Assert.Contains("does not change lessons yet", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", unwired), "factor"), StringComparison.Ordinal);

        var value = ExperimentApi.LessonLength();
        value["variants"] = new object[] { new { name = "normal", weight = 50, value = "standard" }, new { name = "tiny", weight = 50, value = "tiny" } };
        Assert.Contains("'tiny' is not a value of lesson_length", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", value), "variants[1].value"), StringComparison.Ordinal);

        var baseline = ExperimentApi.LessonLength();
        baseline["baseline_rate"] = 1.5;
        await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", baseline), "baseline_rate");

        var course = ExperimentApi.LessonLength();
        course["course_id"] = Guid.NewGuid();
        Assert.Contains("does not exist", await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/experiments", course), "course_id"), StringComparison.Ordinal);

        var empty = await admin.PostAsJsonAsync("/api/v1/experiments", new { });
        foreach (var field in new[] { "name", "hypothesis", "factor", "variants", "primary_metric", "baseline_rate" })
        {
            await ExperimentApi.FieldErrorAsync(empty, field);
        }

        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/v1/experiments"))!);
    }

    [Fact]
    public async Task Two_running_experiments_on_one_factor_for_the_same_population_are_refused_but_disjoint_teams_may_run()
    {
        var admin = _factory.CreateAdminClient();
        var everyone = (string)(await admin.CreateAsync(ExperimentApi.LessonLength("Everyone")))["id"]!;
        var again = (string)(await admin.CreateAsync(ExperimentApi.LessonLength("Everyone again")))["id"]!;
        var branches = (string)(await admin.CreateAsync(ExperimentApi.LessonLength("Branches", team: "Branches")))["id"]!;
        var lending = (string)(await admin.CreateAsync(ExperimentApi.LessonLength("Lending", team: "Lending")))["id"]!;

        await admin.ActAsync(everyone, "start");
        var clash = await admin.PostAsJsonAsync($"/api/v1/experiments/{again}/start", new { });
        Assert.Contains("Everyone", await ExperimentApi.FieldErrorAsync(clash, "factor"), StringComparison.Ordinal);
        // A team is part of everyone: still the same learners.
        await ExperimentApi.FieldErrorAsync(await admin.PostAsJsonAsync($"/api/v1/experiments/{branches}/start", new { }), "factor");
        Assert.Equal("draft", (string?)(await admin.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{again}"))!["status"]);

        await admin.ActAsync(everyone, "stop");
        await admin.ActAsync(branches, "start");
        await admin.ActAsync(lending, "start");
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonArray>("/api/v1/experiments"))!.Count(e => (string?)e!["status"] == "running"));
    }

    [Fact]
    public async Task Wrong_states_are_409_and_unknown_ids_are_404()
    {
        var admin = _factory.CreateAdminClient();
        var id = (string)(await admin.CreateAsync(ExperimentApi.LessonLength()))["id"]!;

        // A draft can neither stop nor ship.
        await (await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/stop", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/ship", new { variant = "short" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await admin.ActAsync(id, "start");
        await (await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/start", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await admin.ActAsync(id, "stop");
        var twice = await (await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/stop", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("stopped", (string?)twice["detail"], StringComparison.Ordinal);
        Assert.Contains("'large' is not a variant", await ExperimentApi.FieldErrorAsync(
            await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/ship", new { variant = "large" }), "variant"), StringComparison.Ordinal);
        await admin.ActAsync(id, "ship", new { variant = "normal" });
        await (await admin.PostAsJsonAsync($"/api/v1/experiments/{id}/ship", new { variant = "short" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var unknown = Guid.NewGuid();
        await (await admin.GetAsync($"/api/v1/experiments/{unknown}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/experiments/{unknown}/results")).AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var act in new[] { "start", "stop", "ship" })
        {
            await (await admin.PostAsJsonAsync($"/api/v1/experiments/{unknown}/{act}", new { variant = "short" })).AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Only_admins_may_read_or_change_experiments()
    {
        var admin = _factory.CreateAdminClient();
        var id = (string)(await admin.CreateAsync(ExperimentApi.LessonLength()))["id"]!;
        var anonymous = _factory.CreateClientWithKey(null);
        var integration = _factory.CreateIntegrationClient();

        foreach (var (client, status) in new[] { (anonymous, HttpStatusCode.Unauthorized), (integration, HttpStatusCode.Forbidden) })
        {
            Assert.Equal(status, (await client.GetAsync("/api/v1/experiments")).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"/api/v1/experiments/{id}/results")).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync("/api/v1/experiments", ExperimentApi.LessonLength("Sneaky"))).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync($"/api/v1/experiments/{id}/start", new { })).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync($"/api/v1/experiments/{id}/ship", new { variant = "short" })).StatusCode);
        }

        var after = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/experiments"))!;
        Assert.Equal("draft", (string?)Assert.Single(after)!["status"]);
    }

    public void Dispose() => _factory.Dispose();
}
