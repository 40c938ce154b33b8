namespace BmoLearning.Cost.Tests;

public sealed class UsageAssumptionsTests
{
    [Fact]
    public void Missing_keys_keep_their_documented_defaults()
    {
        var usage = UsageAssumptions.Parse("""{ "aurora_active_hours_per_month": 10 }""");

        Assert.Equal(10m, usage.AuroraActiveHoursPerMonth);
        Assert.Equal(UsageAssumptions.Default.LogIngestedGbPerMonth, usage.LogIngestedGbPerMonth);
        Assert.Equal(91.25m, UsageAssumptions.Default.AuroraActiveHoursPerMonth);
    }

    [Fact]
    public void A_misspelt_key_is_an_error_that_names_it()
    {
        var e = Assert.Throws<CostInputException>(() => UsageAssumptions.Parse("""{ "aurora_active_hours": 10 }""", "usage.json"));

        Assert.Contains("aurora_active_hours", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("usage.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_amount_is_an_error_that_names_the_key()
    {
        var e = Assert.Throws<CostInputException>(() => UsageAssumptions.Parse("""{ "s3_storage_gb": -1 }"""));

        Assert.Contains("s3_storage_gb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_awake_hours_than_a_month_has_is_an_error()
    {
        Assert.Throws<CostInputException>(() => UsageAssumptions.Parse("""{ "aurora_active_hours_per_month": 800 }"""));
    }

    [Fact]
    public void A_note_for_an_unknown_key_is_an_error()
    {
        var e = Assert.Throws<CostInputException>(() => UsageAssumptions.Parse("""{ "notes": { "aurora_hours": "x" } }"""));

        Assert.Contains("aurora_hours", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_committed_prod_usage_file_loads_and_explains_every_value()
    {
        var path = Path.Combine(Fixture.RepositoryRoot(), "infrastructure", "terraform", "environments", "prod", "usage.json");
        var usage = UsageAssumptions.Load(path);

        Assert.Equal(path, usage.Source);
        Assert.All(usage.Values.Where(v => v.Value != "null"), v => Assert.True(usage.Notes.ContainsKey(v.Key), $"no note for {v.Key}"));
    }

    [Fact]
    public void A_missing_file_is_an_error_that_names_it()
    {
        var e = Assert.Throws<CostInputException>(() => UsageAssumptions.Load("/nonexistent/usage.json"));

        Assert.Contains("/nonexistent/usage.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_a_plan_is_rejected_with_a_hint()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{ "resources": [] }""");

        var e = Assert.Throws<CostInputException>(() => CostEstimator.Estimate(doc));
        Assert.Contains("terraform show -json", e.Message, StringComparison.Ordinal);
    }
}
