using System.Net;
using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Analytics;

public sealed class AiUsageTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public AiUsageTests() => _client = _factory.CreateAdminClient();

    public void Dispose() => _factory.Dispose();

    /// <summary>Stamps a stored lesson as if a model had written it on the given day.</summary>
    private async Task StampAsync(string lessonId, DateTimeOffset createdAt, string? model, int input, int output, decimal? cost)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lesson = await db.Lessons.SingleAsync(l => l.Id == Guid.Parse(lessonId));
        (lesson.CreatedAt, lesson.Model, lesson.InputTokens, lesson.OutputTokens, lesson.EstimatedCostUsd) = (createdAt, model, input, output, cost);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Usage_is_summed_by_day_and_model_within_the_range()
    {
        var learner = (string)(await _client.CreateLearnerAsync())["id"]!;
        var lessons = new List<string>();
        foreach (var topic in new[] { "APR", "grace period", "cash advance", "credit limit" })
        {
            lessons.Add((string)(await _client.CreateReadyLessonAsync(learner, topic))["id"]!);
        }

        var day = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        await StampAsync(lessons[0], day, "gpt-4o-mini", 1000, 300, 0.00033m);
        await StampAsync(lessons[1], day.AddHours(14), "gpt-4o-mini", 2000, 500, 0.0006m); // 23:00 UTC, same day
        await StampAsync(lessons[2], day.AddDays(1), null, 0, 0, null);                     // offline: no model
        await StampAsync(lessons[3], day.AddDays(5), "gpt-4o-mini", 10, 10, 0.1m);          // outside the range

        var body = await (await _client.GetAsync("/api/v1/analytics/ai-usage?from=2026-11-02&to=2026-11-03")).ReadObjectAsync();

        Assert.Equal(("2026-11-02", "2026-11-03"), ((string?)body["from"], (string?)body["to"]));
        var days = body["days"]!.AsArray();
        Assert.Equal(2, days.Count);
        Assert.Equal(("2026-11-02", "gpt-4o-mini", 2, 3000L, 800L, 0.00093m),
            ((string?)days[0]!["date"], (string?)days[0]!["model"], (int)days[0]!["lessons"]!, (long)days[0]!["input_tokens"]!, (long)days[0]!["output_tokens"]!, (decimal)days[0]!["estimated_cost_usd"]!));
        Assert.Equal(("2026-11-03", null, 1, 0m), ((string?)days[1]!["date"], (string?)days[1]!["model"], (int)days[1]!["lessons"]!, (decimal)days[1]!["estimated_cost_usd"]!));
        Assert.Equal((3, 3000L, 0.00093m), ((int)body["totals"]!["lessons"]!, (long)body["totals"]!["input_tokens"]!, (decimal)body["totals"]!["estimated_cost_usd"]!));
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-05&to=2026-11-01", "from")]
    [InlineData("from=2024-01-01&to=2026-01-01", "to")]
    public async Task Bad_ranges_are_422_naming_the_field(string query, string field)
    {
        var problem = await (await _client.GetAsync($"/api/v1/analytics/ai-usage?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task It_needs_the_admin_key()
    {
        await (await _factory.CreateClient().GetAsync("/api/v1/analytics/ai-usage")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await _factory.CreateIntegrationClient().GetAsync("/api/v1/analytics/ai-usage")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_empty_range_has_zero_totals()
    {
        var body = await (await _client.GetAsync("/api/v1/analytics/ai-usage?from=2020-01-01&to=2020-01-31")).ReadObjectAsync();
        Assert.Empty(body["days"]!.AsArray());
        Assert.Equal(0, (int)body["totals"]!["lessons"]!);
    }
}
