using System.CommandLine;
using System.Globalization;
using BmoLearning.Cost;

namespace BmoLearning.Host.Cli;

/// <summary>`bmo cost estimate PLAN.json [--usage FILE] [--max DOLLARS]`: prices a `terraform show -json` plan.</summary>
public static class CostCommand
{
    private static readonly Argument<string> PlanArgument = new("plan")
    {
        Description = "Output of `terraform show -json PLANFILE` (infrastructure/terraform/scripts/plan-json.sh writes one offline).",
    };

    private static readonly Option<string?> UsageOption = new("--usage")
    {
        Description = "Usage assumptions (JSON), e.g. infrastructure/terraform/environments/prod/usage.json. Default: built-in pilot values.",
    };

    private static readonly Option<decimal?> MaxOption = new("--max")
    {
        Description = "Fail (exit 1) when the monthly total exceeds this many US dollars.",
    };

    private static readonly Option<string?> TitleOption = new("--title")
    {
        Description = "Heading printed above the table.",
    };

    public static Command Create()
    {
        var estimate = new Command("estimate", "Price a Terraform plan: line items, monthly total, assumptions, problems. Exit 1 when the plan has problems or exceeds --max, 2 on unreadable input.")
        {
            PlanArgument,
            UsageOption,
            MaxOption,
            TitleOption,
        };
        estimate.SetAction(parse => Estimate(
            parse.GetValue(PlanArgument)!, parse.GetValue(UsageOption), parse.GetValue(MaxOption), parse.GetValue(TitleOption), Console.Out, Console.Error));

        return new Command("cost", "Cost of the AWS deployment, computed from a Terraform plan.") { estimate };
    }

    /// <summary>Prints the table to <paramref name="output"/>; reasons for a non-zero exit go to <paramref name="errors"/>.</summary>
    public static int Estimate(string planPath, string? usagePath, decimal? max, string? title, TextWriter output, TextWriter errors)
    {
        if (max is < 0)
        {
            errors.WriteLine($"--max must not be negative (got {max.Value.ToString(CultureInfo.InvariantCulture)}).");
            return 2;
        }

        if (!File.Exists(planPath))
        {
            errors.WriteLine($"No plan file at '{planPath}'. Write one with: terraform show -json PLANFILE > {Path.GetFileName(planPath)}");
            return 2;
        }

        if (usagePath is not null && !File.Exists(usagePath))
        {
            errors.WriteLine($"No usage file at '{usagePath}'.");
            return 2;
        }

        CostReport report;
        try
        {
            var usage = usagePath is null ? UsageAssumptions.Default : UsageAssumptions.Load(usagePath);
            report = CostEstimator.EstimateFile(planPath, usage);
        }
        catch (CostInputException ex)
        {
            errors.WriteLine($"Cannot price the plan: {ex.Message}");
            return 2;
        }

        output.Write(CostReportFormatter.ToTable(report, title));

        var exitCode = 0;
        if (report.Problems.Count > 0)
        {
            errors.WriteLine($"The plan has {report.Problems.Count} problem(s); see \"Problems\" above.");
            exitCode = 1;
        }

        if (max is { } limit && report.MonthlyTotal > limit)
        {
            errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Monthly total ${report.MonthlyTotal:0.00} exceeds --max ${limit:0.00}."));
            exitCode = 1;
        }
        else if (max is { } ok)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Within budget: ${report.MonthlyTotal:0.00} <= ${ok:0.00} a month."));
        }

        return exitCode;
    }
}
