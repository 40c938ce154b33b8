using System.Globalization;
using System.Text;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Ai.Text;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Knowledge;

/// <summary>Issue 17 item 4: every format has the character limit, checked before the text is built, and the chunker has a chunk limit.</summary>
public sealed class ExtractionLimitTests
{
    [Fact]
    public void A_docx_that_expands_past_the_default_limit_is_refused_with_its_size()
    {
        // Plausible compression (a few to one): the bomb check lets it through; only the text limit stops it.
        var docx = TestDocuments.LargeDocx(ExtractionLimits.DefaultMaxTotalCharacters + 50_000);

        var ex = Assert.Throws<ExtractionException>(() => new DocxExtractor().Extract(docx, "policy.docx"));

        Assert.StartsWith("The document is too large when expanded: 2,0", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("characters of text, limit 2,000,000.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("decompression bomb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_under_the_limit_is_still_extracted()
    {
        var docx = TestDocuments.LargeDocx(20_000);

        var document = new DocxExtractor(new ExtractionLimits { MaxTotalCharacters = 40_000 }).Extract(docx, "policy.docx");

        Assert.Equal("Expense policy", document.Title);
        Assert.InRange(document.Blocks.Sum(b => b.Text.Length), 20_000, 40_000);
    }

    [Theory]
    [InlineData("markdown")]
    [InlineData("text")]
    public void Markdown_and_text_over_the_limit_are_refused_with_the_exact_count(string format)
    {
        var bytes = TestDocuments.LargeText(30_000);
        var characters = Encoding.UTF8.GetCharCount(bytes);
        var limits = new ExtractionLimits { MaxTotalCharacters = 20_000 };
        IDocumentExtractor extractor = format == "markdown" ? new MarkdownExtractor(limits) : new PlainTextExtractor(limits);

        var ex = Assert.Throws<ExtractionException>(() => extractor.Extract(bytes, "policy.md"));

        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"The document is too large when expanded: {characters:N0} characters of text, limit 20,000."),
            ex.Message);
    }

    [Fact]
    public void Multi_byte_text_is_measured_in_characters_not_bytes()
    {
        // 15,000 characters of three-byte letters: 45,000 bytes, under a 20,000-character limit.
        var text = new string('€', 15_000);

        var document = new PlainTextExtractor(new ExtractionLimits { MaxTotalCharacters = 20_000 }).Extract(Encoding.UTF8.GetBytes(text), "euros.txt");

        Assert.Equal(15_000, document.Blocks.Sum(b => b.Text.Length));
    }

    [Fact]
    public void Html_text_over_the_limit_is_refused()
    {
        var html = "<html><body>" + string.Concat(TestDocuments.ProseParagraphs(30_000).Select(p => $"<p>{p}</p>")) + "</body></html>";

        var ex = Assert.Throws<ExtractionException>(() => new HtmlExtractor(new ExtractionLimits { MaxTotalCharacters = 20_000 }).Extract(Encoding.UTF8.GetBytes(html), "page.html"));

        Assert.Contains("too large when expanded", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("limit 20,000.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Partitioning_stops_at_the_chunk_limit()
    {
        var document = new MarkdownExtractor().Extract(TestDocuments.LargeText(100_000), "policy.md");

        var ex = Assert.Throws<ExtractionException>(() => new StructuredChunker(new ChunkingOptions { MaxChunks = 10 }).Partition(document));

        Assert.Contains("more than 10 chunks", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(new StructuredChunker(new ChunkingOptions { MaxChunks = 1_000 }).Partition(document));
    }

    [Fact]
    public void Text_without_sentence_ends_is_split_into_chunks_under_the_maximum()
    {
        // A 20,000-word dump with no full stop was one chunk of 20,000 words: slow to scan and mostly unseen by the model.
        var words = string.Join(' ', Enumerable.Range(0, 20_000).Select(i => "word" + (i % 97)));
        var document = new ExtractedDocument("Dump", [new DocumentBlock(BlockKind.Paragraph, words)]);

        var chunks = new StructuredChunker().Partition(document);

        Assert.True(chunks.Count > 100, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(SentenceSplitter.WordCount(c.Text), 1, new ChunkingOptions().MaxWords));
        // Every word once, in order: word groups of one paragraph carry no overlap.
        Assert.Equal(words, string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_table_far_larger_than_a_chunk_is_split_at_rows_under_its_header()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 600).Select(i => $"Fee {i} | applies when event {i} happens | illustrative amount {i}"));
        var document = new ExtractedDocument("Fees", [new DocumentBlock(BlockKind.Table, "Fee | When | Amount\n" + rows)]);

        var chunks = new StructuredChunker().Partition(document);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.StartsWith("Fee | When | Amount\n", c.Text, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.True(SentenceSplitter.WordCount(c.Text) <= new ChunkingOptions().MaxWords));
        Assert.Equal(600, chunks.Sum(c => c.Text.Split('\n').Length - 1));
    }

    [Fact]
    public void Sentence_splitting_still_keeps_abbreviations_and_finds_every_sentence()
    {
        var sentences = SentenceSplitter.Split("Use the card for travel, e.g. flights. Dr. Smith approves it. Then file the receipt! Done?");

        Assert.Equal(["Use the card for travel, e.g. flights.", "Dr. Smith approves it.", "Then file the receipt!", "Done?"], sentences);
        Assert.Equal(3, SentenceSplitter.WordCount("  one\ttwo\nthree "));
    }
}
