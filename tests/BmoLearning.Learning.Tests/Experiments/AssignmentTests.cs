using BmoLearning.Learning.Experiments;

namespace BmoLearning.Learning.Tests.Experiments;

public sealed class AssignmentTests
{
    private static readonly Variant[] ThreeWay = [new("control", 34), new("short", 33), new("long", 33)];

    [Fact]
    public void Assignment_over_100000_ids_is_within_chi_square_bounds()
    {
        var counts = new long[3];
        for (var i = 0; i < 100_000; i++)
        {
            var variant = VariantAssignment.Assign("lesson-length-2026", $"learner-{i}", ThreeWay);
            counts[Array.IndexOf(ThreeWay, variant)]++;
        }

        var check = SampleRatioCheck.Check(counts, ThreeWay.Select(v => v.Weight).ToList());
        // The 99.9% critical value of chi-square with 2 degrees of freedom is 13.82.
        Assert.True(check.ChiSquare < 13.82, $"chi-square {check.ChiSquare:F2}, counts {string.Join("/", counts)}");
        Assert.False(check.Mismatch);
    }

    [Fact]
    public void Buckets_over_100000_ids_are_uniform_in_deciles()
    {
        var counts = new long[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[VariantAssignment.Bucket("salt", Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(i)).ToString()) / 1000]++;
        }

        // 99.9% critical value with 9 degrees of freedom: 27.88.
        Assert.True(SampleRatioCheck.Check(counts, Enumerable.Repeat(10, 10).ToList()).ChiSquare < 27.88, string.Join("/", counts));
    }

    [Fact]
    public void Assignment_is_a_pure_function_the_same_across_calls_and_processes()
    {
        var first = Enumerable.Range(0, 1000).Select(i => VariantAssignment.Assign("exp", $"l{i}", ThreeWay).Name).ToList();
        var second = Enumerable.Range(0, 1000).Select(i => VariantAssignment.Assign("exp", $"l{i}", ThreeWay).Name).ToList();
        Assert.Equal(first, second);
        // Pinned values computed with Python hashlib (first 8 bytes of SHA-256 of "3:exp|learner-42", big-endian, mod 10,000): any process, any restart, any machine
        // must agree with them, or learners would switch variants.
        Assert.Equal(PinnedBucket42, VariantAssignment.Bucket("exp", "learner-42"));
        Assert.Equal(PinnedBucket7, VariantAssignment.Bucket("exp", "learner-7"));
    }

    [Fact]
    public void Assignments_of_two_experiments_are_independent()
    {
        Variant[] halves = [new("a", 50), new("b", 50)];
        var table = new long[4];
        for (var i = 0; i < 40_000; i++)
        {
            var x = VariantAssignment.Assign("experiment-one", $"learner-{i}", halves).Name == "a" ? 0 : 1;
            var y = VariantAssignment.Assign("experiment-two", $"learner-{i}", halves).Name == "a" ? 0 : 1;
            table[2 * x + y]++;
        }

        // Independent 50/50 x 50/50 means each cell near a quarter (3 df, 99.9% critical value 16.27).
        Assert.True(SampleRatioCheck.Check(table, [25, 25, 25, 25]).ChiSquare < 16.27, string.Join("/", table));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_100_are_refused_with_the_reason()
    {
        var errors = VariantAssignment.Validate([new("a", 50), new("b", 40)]);
        var error = Assert.Single(errors);
        Assert.Equal("variants", error.Field);
        Assert.Contains("sum to 100", error.Reason, StringComparison.Ordinal);
        Assert.Contains("90", error.Reason, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => VariantAssignment.Assign("s", "l", [new("a", 60), new("b", 60)]));
        Assert.Contains("sum to 100", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_bad_variant_lists_are_refused_by_field()
    {
        Assert.Contains(VariantAssignment.Validate([new("only", 100)]), e => e.Field == "variants");
        Assert.Contains(VariantAssignment.Validate([new("a", 0), new("b", 100)]), e => e.Field == "variants[0].weight");
        Assert.Contains(VariantAssignment.Validate([new(" ", 50), new("b", 50)]), e => e.Field == "variants[0].name");
        Assert.Contains(VariantAssignment.Validate([new("a", 50), new("A", 50)]), e => e.Reason.Contains("distinct", StringComparison.Ordinal));
        Assert.Empty(VariantAssignment.Validate(ThreeWay));
    }

    private const int PinnedBucket42 = 5180;
    private const int PinnedBucket7 = 7087;
}
