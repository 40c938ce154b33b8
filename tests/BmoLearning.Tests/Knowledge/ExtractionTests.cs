using System.Text;
using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Ingestion.Partitioning;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Knowledge;

public sealed class ExtractionTests
{
    [Fact]
    public void Pdf_pages_headings_and_text_come_out_with_page_numbers()
    {
        var pdf = TestDocuments.Pdf(
            ("Card Fees", ["An annual fee is charged once a year on the account anniversary.", "Some issuers waive it for the first year."]),
            ("Late Payments", ["A late fee applies when the minimum payment arrives after the due date."]),
            ("Foreign Transactions", ["Purchases in another currency can carry a percentage fee."]));

        var document = new PdfExtractor().Extract(pdf, "fees.pdf");

        Assert.Equal(3, document.PageCount);
        var headings = document.Blocks.Where(b => b.Kind == BlockKind.Heading).ToList();
        Assert.Equal(["Card Fees", "Late Payments", "Foreign Transactions"], headings.Select(h => h.Text));
        Assert.Equal([1, 2, 3], headings.Select(h => h.Page!.Value));
        var late = document.Blocks.Single(b => b.Text.Contains("late fee applies", StringComparison.Ordinal));
        Assert.Equal(2, late.Page);

        var chunks = new StructuredChunker().Partition(document);
        var lateChunk = chunks.Single(c => c.Text.Contains("late fee", StringComparison.Ordinal));
        Assert.Equal((2, 2), (lateChunk.PageStart, lateChunk.PageEnd));
        Assert.EndsWith("Late Payments", lateChunk.HeadingPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_text_fails_as_a_probable_scan()
    {
        var ex = Assert.Throws<ExtractionException>(() => new PdfExtractor().Extract(TestDocuments.ScannedPdf(), "scan.pdf"));
        Assert.Contains("no extractable text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_pdf_fails_with_a_clear_reason()
    {
        var ex = Assert.Throws<ExtractionException>(() => new PdfExtractor().Extract(TestDocuments.EncryptedPdf(), "locked.pdf"));
        Assert.Contains("encrypted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_pdf_fails_without_throwing_anything_else()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 5000));
        var ex = Assert.Throws<ExtractionException>(() => new PdfExtractor().Extract(bytes, "broken.pdf"));
        Assert.Contains("PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_with_too_many_pages_is_refused()
    {
        var pdf = TestDocuments.Pdf(("One", ["a"]), ("Two", ["b"]), ("Three", ["c"]));
        var ex = Assert.Throws<ExtractionException>(() => new PdfExtractor(new ExtractionLimits { MaxPages = 2 }).Extract(pdf, "long.pdf"));
        Assert.Contains("3 pages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_headings_lists_and_tables_are_kept()
    {
        var docx = TestDocuments.Docx("Spending Controls",
            ("Card limits", ["Each employee card can have its own limit."], ["Daily limit", "Per-transaction limit"], null),
            ("Merchant categories", ["Issuers can block whole categories."], [], [["Category", "Blocked"], ["Casinos", "Yes"], ["Fuel", "No"]]));

        var document = new DocxExtractor().Extract(docx, "controls.docx");

        Assert.Equal("Spending Controls", document.Title);
        Assert.Equal(["Spending Controls", "Card limits", "Merchant categories"], document.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Equal(["Daily limit", "Per-transaction limit"], document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text));
        var table = document.Blocks.Single(b => b.Kind == BlockKind.Table);
        Assert.Equal("Category | Blocked\nCasinos | Yes\nFuel | No", table.Text);

        var chunks = new StructuredChunker().Partition(document);
        Assert.Contains(chunks, c => c.HeadingPath == "Spending Controls > Merchant categories" && c.Text.Contains("Casinos | Yes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_docx_decompression_bomb_is_refused_before_it_is_opened()
    {
        var ex = Assert.Throws<ExtractionException>(() => new DocxExtractor().Extract(TestDocuments.DocxBomb(), "bomb.docx"));
        Assert.Contains("decompression bomb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_docx_fails_with_a_reason()
    {
        var bytes = TestDocuments.Docx("T", ("H", ["p"], [], null));
        var ex = Assert.Throws<ExtractionException>(() => new DocxExtractor().Extract(bytes.AsMemory(0, bytes.Length / 2), "cut.docx"));
        Assert.Contains("Word document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_keeps_the_main_text_and_drops_scripts_styles_and_navigation()
    {
        var html = """
            <!DOCTYPE html><html><head><title>Chargebacks</title><style>p{color:red}</style><script>var secret = 1;</script></head>
            <body><nav><a href="/">Home</a> | <a href="/cards">Cards</a></nav><header>Bank header</header>
            <main><h1>Chargebacks</h1><p>A chargeback <b>reverses</b> a card payment.</p>
            <h2>Deadlines</h2><ul><li>Dispute quickly.</li><li>Keep receipts.</li></ul>
            <div>Loose text with a <a href="#">link</a>.</div>
            <table><tr><th>Step</th><th>Days</th></tr><tr><td>File</td><td>60</td></tr></table></main>
            <footer>Copyright footer</footer></body></html>
            """;
        var document = new HtmlExtractor().Extract(Encoding.UTF8.GetBytes(html), "page.html");
        var all = string.Join("\n", document.Blocks.Select(b => b.Text));

        Assert.Equal("Chargebacks", document.Title);
        Assert.Contains("A chargeback reverses a card payment.", all, StringComparison.Ordinal);
        Assert.Contains("Loose text with a link.", all, StringComparison.Ordinal);
        Assert.Contains("Step | Days\nFile | 60", all, StringComparison.Ordinal);
        Assert.Equal(["Dispute quickly.", "Keep receipts."], document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => b.Text));
        foreach (var dropped in new[] { "secret", "color", "Home", "Bank header", "Copyright" })
        {
            Assert.DoesNotContain(dropped, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("pdf", ContentSniffer.Pdf)]
    [InlineData("docx", ContentSniffer.Docx)]
    [InlineData("html", ContentSniffer.Html)]
    [InlineData("md", ContentSniffer.Markdown)]
    [InlineData("txt", ContentSniffer.PlainText)]
    public void The_type_comes_from_the_bytes_not_the_name(string kind, string expected)
    {
        var bytes = kind switch
        {
            "pdf" => TestDocuments.Pdf(("T", ["x"])),
            "docx" => TestDocuments.Docx("T", ("H", ["p"], [], null)),
            "html" => Encoding.UTF8.GetBytes("<!doctype html><html><body><p>x</p></body></html>"),
            "md" => Encoding.UTF8.GetBytes("# Title\n\ntext"),
            _ => Encoding.UTF8.GetBytes("plain words"),
        };
        // Every file is named .txt: the name must not decide.
        Assert.Equal(expected, ContentSniffer.Detect(bytes, kind == "md" ? "x.md" : "misleading.txt"));
    }

    [Fact]
    public void Images_zips_and_binary_files_are_not_documents()
    {
        Assert.Null(ContentSniffer.Detect(TestDocuments.Png(), "photo.pdf"));
        Assert.Null(ContentSniffer.Detect([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], "archive.docx"));
        Assert.Null(ContentSniffer.Detect([0x7F, 0x45, 0x4C, 0x46, 0, 1, 2], "program.txt"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\policy.pdf", "policy.pdf")]
    [InlineData("bad\u0001name\u007f.md", "badname.md")]
    [InlineData("..", "document")]
    [InlineData(null, "document")]
    public void Uploaded_file_names_lose_directories_and_control_characters(string? given, string expected) =>
        Assert.Equal(expected, SafeFileName.From(given));
}
