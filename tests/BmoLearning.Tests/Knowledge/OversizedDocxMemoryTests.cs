using System.Diagnostics;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BmoLearning.Tests.Knowledge;

/// <summary>
/// Issue 17 item 4's memory figure: the DOCX of the hostile review (about 4 MB whose text expands to 20 MB, which
/// added 1.1 GB and ran for ten minutes before the fix) is refused within seconds, allocating a bounded amount.
/// Extraction is synchronous, so this thread's allocations are exactly the extraction's (parallel tests do not count);
/// everything it allocates is an upper bound on the memory it can hold at once.
/// </summary>
public sealed class OversizedDocxMemoryTests(ITestOutputHelper output)
{
    /// <summary>Measured: 3.7 MB (the text limit stops reading early). 64 MB leaves room and still fails on any return of the 1.1 GB.</summary>
    private const long AllocationBudgetBytes = 64L * 1024 * 1024;

    [Fact]
    public void The_review_docx_is_refused_quickly_and_allocates_a_bounded_amount()
    {
        var docx = TestDocuments.LargeDocx(20_000_000);
        var extractor = new DocxExtractor();

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refused = Assert.Throws<ExtractionException>(() => extractor.Extract(docx, "review.docx"));
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        output.WriteLine($"docx {docx.Length / 1024.0 / 1024:0.0} MB (20,000,000 characters of text): refused in {clock.ElapsedMilliseconds} ms, allocated {allocated / 1024.0 / 1024:0.0} MB");
        Assert.StartsWith("The document is too large when expanded", refused.Message, StringComparison.Ordinal);
        Assert.InRange(docx.Length, 3_000_000, 8_000_000);
        Assert.True(allocated < AllocationBudgetBytes, $"extraction allocated {allocated / 1024 / 1024} MB, budget {AllocationBudgetBytes / 1024 / 1024} MB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"refusal took {clock.Elapsed}");
    }
}
