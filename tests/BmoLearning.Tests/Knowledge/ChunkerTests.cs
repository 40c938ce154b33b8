using System.Text;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;

namespace BmoLearning.Tests.Knowledge;

public sealed class ChunkerTests
{
    private static ExtractedDocument Markdown(string text) =>
        new MarkdownExtractor().Extract(Encoding.UTF8.GetBytes(text), "doc.md");

    [Fact]
    public void Sections_become_chunks_carrying_their_heading_path()
    {
        var doc = Markdown("# Fees\n\nIntro paragraph about fees.\n\n## Annual fees\n\nAn annual fee is charged once a year.\n\n### Waivers\n\nSome issuers waive it in year one.\n\n## Late fees\n\nA late fee applies after the due date.\n");
        var chunks = new StructuredChunker().Partition(doc);

        Assert.Equal(
            ["Fees", "Fees > Annual fees", "Fees > Annual fees > Waivers", "Fees > Late fees"],
            chunks.Select(c => c.HeadingPath));
        Assert.Equal("Fees", doc.Title);
        Assert.StartsWith("Fees > Annual fees\n", chunks[1].EmbeddingText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_section_is_split_near_the_target_with_a_sentence_of_overlap()
    {
        var sentences = Enumerable.Range(1, 40).Select(i => $"Sentence number {i} explains one more detail of the card agreement.");
        var paragraphs = string.Join("\n\n", sentences.Chunk(4).Select(group => string.Join(' ', group)));
        var chunks = new StructuredChunker(new ChunkingOptions { TargetWords = 100, MaxWords = 150, OverlapWords = 12 })
            .Partition(Markdown($"# Long\n\n## Section\n\n{paragraphs}\n"));

        Assert.True(chunks.Count >= 3, $"expected several chunks, got {chunks.Count}");
        Assert.All(chunks, c => Assert.InRange(c.Text.Split(' ').Length, 1, 150));
        for (var i = 1; i < chunks.Count; i++)
        {
            var lastSentenceOfPrevious = chunks[i - 1].Text.Split(". ").Last().TrimEnd('.');
            Assert.Contains(lastSentenceOfPrevious, chunks[i].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_table_is_never_split_even_when_larger_than_the_maximum()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"| Fee {i} | applies when event {i} happens | illustrative amount {i} |"));
        var doc = Markdown($"# Fees\n\n## Fee table\n\nBefore the table.\n\n| Fee | When | Amount |\n|---|---|---|\n{rows}\n\nAfter the table.\n");
        var chunks = new StructuredChunker(new ChunkingOptions { TargetWords = 50, MaxWords = 80 }).Partition(doc);

        var tableChunks = chunks.Where(c => c.Text.Contains("Fee 1 |", StringComparison.Ordinal)).ToList();
        Assert.Single(tableChunks);
        Assert.Contains("Fee 60 |", tableChunks[0].Text, StringComparison.Ordinal);
        Assert.All(chunks.Where(c => c != tableChunks[0]), c => Assert.DoesNotContain("| Fee", c.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void List_items_and_inline_markup_become_plain_text()
    {
        var chunks = new StructuredChunker().Partition(Markdown("# T\n\n- **Purchase APR** applies to purchases.\n- A `code` word and a [link](http://example.com).\n"));
        var text = chunks.Single().Text;
        Assert.Equal("- Purchase APR applies to purchases.\n- A code word and a link.", text);
    }

    [Fact]
    public void Page_numbers_on_blocks_become_the_chunk_page_range()
    {
        var doc = new ExtractedDocument("Policy",
        [
            new DocumentBlock(BlockKind.Heading, "Policy", 1, Page: 1),
            new DocumentBlock(BlockKind.Paragraph, "First page text.", Page: 1),
            new DocumentBlock(BlockKind.Paragraph, "Second page text.", Page: 2),
        ]);
        var chunk = new StructuredChunker().Partition(doc).Single();
        Assert.Equal((1, 2), (chunk.PageStart, chunk.PageEnd));
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_a_reason()
    {
        var ex = Assert.Throws<ExtractionException>(() => new PlainTextExtractor().Extract(new byte[] { 0x48, 0xC3, 0x28, 0xFF }, "bad.txt"));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }
}
