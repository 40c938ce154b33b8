using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Cli;

/// <summary>`bmo cost estimate`: the table, and exit codes a CI step can rely on.</summary>
public sealed class CostCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "CostFixtures", name);

    private static (int ExitCode, string Output, string Errors) Estimate(string plan, string? usage = null, decimal? max = null, string? title = null)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = CostCommand.Estimate(plan, usage, max, title, output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Prod_default_plan_prints_the_table_and_passes_a_50_dollar_limit()
    {
        var (exitCode, output, errors) = Estimate(Fixture("prod-default.plan.json"), Fixture("prod-usage.json"), max: 50m, title: "Default");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Default", output, StringComparison.Ordinal);
        Assert.Contains("TOTAL per month (USD)", output, StringComparison.Ordinal);
        Assert.Contains("module.ecs.aws_ecs_service.this[\"app\"]", output, StringComparison.Ordinal);
        Assert.Contains("Problems (0)", output, StringComparison.Ordinal);
        Assert.Contains("Within budget", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, errors);
    }

    [Fact]
    public void No_cold_start_plan_exceeds_50_dollars_and_exits_1_naming_the_total()
    {
        var (exitCode, output, errors) = Estimate(Fixture("prod-no-cold-start.plan.json"), Fixture("prod-usage.json"), max: 50m);

        Assert.Equal(1, exitCode);
        Assert.Contains("TOTAL per month (USD)", output, StringComparison.Ordinal);
        Assert.Contains("exceeds --max $50.00", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_max_any_total_without_problems_exits_0()
    {
        var (exitCode, output, _) = Estimate(Fixture("seed.plan.json"), Fixture("seed.usage.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("115.27", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_with_problems_exits_1_after_printing_them()
    {
        var (exitCode, output, errors) = Estimate(Fixture("waf-associations.plan.json"));

        Assert.Equal(1, exitCode);
        Assert.Contains("INVALID: WAF", output, StringComparison.Ordinal);
        Assert.Contains("problem(s)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_plan_file_exits_2_with_a_message_and_no_table()
    {
        var (exitCode, output, errors) = Estimate("/no/such/plan.json");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("No plan file at '/no/such/plan.json'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_usage_file_exits_2()
    {
        var (exitCode, _, errors) = Estimate(Fixture("prod-default.plan.json"), "/no/such/usage.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("No usage file", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_plan_exits_2_naming_the_file()
    {
        var dir = TempDirectory.Create("bmo-cost");
        var notJson = Path.Combine(dir, "plan.txt");
        await File.WriteAllTextAsync(notJson, "Plan: 3 to add, 0 to change, 0 to destroy.");
        var notAPlan = Path.Combine(dir, "other.json");
        await File.WriteAllTextAsync(notAPlan, """{"hello": "world"}""");

        var (textExit, textOutput, textErrors) = Estimate(notJson);
        var (jsonExit, _, jsonErrors) = Estimate(notAPlan);

        Assert.Equal(2, textExit);
        Assert.Equal(string.Empty, textOutput);
        Assert.Contains("plan.txt", textErrors, StringComparison.Ordinal);
        Assert.Equal(2, jsonExit);
        Assert.StartsWith("Cannot price the plan", jsonErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_file_with_an_unknown_key_exits_2_naming_the_key()
    {
        var usage = Path.Combine(TempDirectory.Create("bmo-cost"), "usage.json");
        await File.WriteAllTextAsync(usage, """{"aurora_active_hours": 10}""");

        var (exitCode, _, errors) = Estimate(Fixture("prod-default.plan.json"), usage);

        Assert.Equal(2, exitCode);
        Assert.Contains("aurora_active_hours", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_max_exits_2()
    {
        Assert.Equal(2, Estimate(Fixture("prod-default.plan.json"), max: -1m).ExitCode);
    }

    [Fact]
    public async Task The_command_line_parses_options_and_exits_2_on_a_non_numeric_max()
    {
        var plan = Fixture("prod-default.plan.json");

        Assert.Equal(0, await BmoCommandLine.RunAsync(["cost", "estimate", plan, "--usage", Fixture("prod-usage.json"), "--max", "50"]));
        Assert.Equal(1, await BmoCommandLine.RunAsync(["cost", "estimate", plan, "--max", "10.5"]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["cost", "estimate", plan, "--max", "fifty"]));
        Assert.Equal(2, await BmoCommandLine.RunAsync(["cost", "estimate"]));
    }
}
