using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>Real documents built in the tests: PDFs with PdfPig's builder, Word files with OpenXml.</summary>
internal static class TestDocuments
{
    /// <summary>A PDF with one page per entry; each page has a large heading and body lines.</summary>
    public static byte[] Pdf(params (string Heading, string[] Lines)[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var (heading, lines) in pages)
        {
            var page = builder.AddPage(595, 842);
            page.AddText(heading, 20, new PdfPoint(50, 780), font);
            var y = 740.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF whose only page has no text, like a scan without OCR.</summary>
    public static byte[] ScannedPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        page.DrawRectangle(new PdfPoint(50, 50), 400, 600);
        return builder.Build();
    }

    /// <summary>A minimal PDF whose trailer declares standard encryption with a password we do not have.</summary>
    public static byte[] EncryptedPdf()
    {
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        void Obj(string text)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append(text).Append('\n');
        }

        Obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj");
        Obj("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj");
        Obj("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj");
        Obj("4 0 obj << /Length 10 >> stream\nAAAAAAAAAA\nendstream endobj");
        var hex = new string('1', 64);
        Obj($"5 0 obj << /Filter /Standard /V 1 /R 2 /O <{hex}> /U <{hex}> /P -44 >> endobj");
        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append("xref\n0 6\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        body.Append($"trailer << /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [<{hex[..32]}> <{hex[..32]}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>A Word document: title, headings, a bulleted list and a table.</summary>
    public static byte[] Docx(string title, params (string Heading, string[] Paragraphs, string[] Bullets, string[][]? Table)[] sections)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var body = main.Document.Body!;
            body.Append(Styled(title, "Title"));
            foreach (var (heading, paragraphs, bullets, table) in sections)
            {
                body.Append(Styled(heading, "Heading1"));
                foreach (var text in paragraphs)
                {
                    body.Append(new Paragraph(new Run(new Text(text))));
                }

                foreach (var bullet in bullets)
                {
                    body.Append(new Paragraph(
                        new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                        new Run(new Text(bullet))));
                }

                if (table is not null)
                {
                    body.Append(new Table(table.Select(row => new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell)))))))));
                }
            }

            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A ZIP that looks like a Word document but expands to far more than it weighs.</summary>
    public static byte[] DocxBomb(int expandedMegabytes = 20)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var writer = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < expandedMegabytes; i++)
            {
                writer.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Prose-like text of at least <paramref name="characters"/> characters: words drawn from a vocabulary
    /// with a fixed seed, so it compresses like real text (about 4:1), not like a run of one letter, and
    /// passes a decompression-bomb check. Sentences of 12 words, paragraphs of about 1,000 characters.
    /// </summary>
    public static IEnumerable<string> ProseParagraphs(long characters)
    {
        string[] vocabulary =
        [
            "account", "balance", "statement", "interest", "payment", "merchant", "limit", "business", "card", "expense",
            "receipt", "policy", "approval", "manager", "cycle", "rewards", "travel", "supplier", "invoice", "review",
            "the", "a", "of", "and", "to", "for", "each", "every", "before", "after", "monthly", "quarterly", "employee",
            "cardholder", "dispute", "refund", "currency", "fee", "annual", "credit", "report", "audit", "control",
        ];
        var random = new Random(17);
        long written = 0;
        var paragraph = new StringBuilder();
        while (written < characters)
        {
            paragraph.Clear();
            while (paragraph.Length < 1_000)
            {
                for (var i = 0; i < 12; i++)
                {
                    var word = vocabulary[random.Next(vocabulary.Length)];
                    paragraph.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(i == 11 ? ". " : " ");
                }
            }

            var text = paragraph.ToString().TrimEnd();
            written += text.Length;
            yield return text;
        }
    }

    /// <summary>A Word document whose text expands to at least <paramref name="characters"/> characters (issue 17: 4 MB → 20 MB).</summary>
    public static byte[] LargeDocx(long characters)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var body = main.Document.Body!;
            body.Append(Styled("Expense policy", "Title"));
            foreach (var text in ProseParagraphs(characters))
            {
                body.Append(new Paragraph(new Run(new Text(text))));
            }

            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Markdown or plain text of at least <paramref name="characters"/> characters of prose.</summary>
    public static byte[] LargeText(long characters, string heading = "# Expense policy") =>
        Encoding.UTF8.GetBytes(heading + "\n\n" + string.Join("\n\n", ProseParagraphs(characters)) + "\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    private static Paragraph Styled(string text, string style) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));
}
