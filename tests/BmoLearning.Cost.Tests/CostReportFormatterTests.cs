namespace BmoLearning.Cost.Tests;

public sealed class CostReportFormatterTests
{
    private readonly string _table = CostReportFormatter.ToTable(Fixture.Estimate("seed.plan.json", "seed.usage.json"), "Seed");

    private IEnumerable<string> Lines => _table.Split('\n').Select(l => l.TrimEnd('\r'));

    [Fact]
    public void Table_names_the_price_table_date_and_ends_with_the_total()
    {
        Assert.StartsWith("Seed", _table, StringComparison.Ordinal);
        Assert.Contains("as of 2026-11-25", _table, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^TOTAL per month \(USD\)\s+115\.27\s*$", _table);
    }

    [Fact]
    public void Every_line_item_appears_with_its_amount()
    {
        Assert.Contains(Lines, l => l.Contains("aws_rds_cluster_instance.main[0]", StringComparison.Ordinal) && l.Contains("43.80", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("aws_elasticache_cluster.redis", StringComparison.Ordinal) && l.EndsWith("12.41", StringComparison.Ordinal));
    }

    [Fact]
    public void Amounts_line_up_under_the_amount_header()
    {
        var header = Lines.First(l => l.StartsWith("SERVICE", StringComparison.Ordinal));
        var services = new[] { "ECS Fargate", "Public IPv4", "Aurora", "ElastiCache", "Load balancing", "CloudWatch", "Secrets Manager", "S3", "ECR" };
        var items = Lines.Where(l => services.Any(s => l.StartsWith(s + " ", StringComparison.Ordinal))).ToList();

        // "$/MONTH" is followed by two columns for the usage marker (" *").
        Assert.Equal(18, items.Count);
        Assert.All(items, l => Assert.Equal(header.Length - 2, l.TrimEnd('*', ' ').Length));
    }

    [Fact]
    public void Usage_assumptions_and_their_notes_are_printed()
    {
        Assert.Contains(Lines, l => l.Contains("load_balancer_capacity_units_per_hour", StringComparison.Ordinal) && l.Contains("0.047", StringComparison.Ordinal) && l.Contains("16.63", StringComparison.Ordinal));
        Assert.Contains("data_transfer", _table, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_and_not_priced_resources_are_listed()
    {
        var table = CostReportFormatter.ToTable(Fixture.Estimate("waf-associations.plan.json"));

        Assert.Contains("Problems (2)", table, StringComparison.Ordinal);
        Assert.Contains("! aws_wafv2_web_acl_association.nlb: INVALID", table, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+free\s+aws_wafv2_web_acl_association x3\s+free \(the web ACL is priced\)$", table);
    }
}
