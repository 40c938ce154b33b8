using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>
/// Word documents to blocks: heading styles become headings, numbered or bulleted paragraphs list
/// items, and each table one block. The package is checked for decompression bombs before it is opened.
/// </summary>
public sealed class DocxExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public DocxExtractor()
        : this(new ExtractionLimits())
    {
    }

    public IReadOnlyCollection<string> ContentTypes { get; } = [ContentSniffer.Docx];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName)
    {
        var bytes = content.ToArray();
        CheckPackageSize(bytes);
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new ExtractionException("The Word document has no body.");
            var styles = StyleNames(document);
            var blocks = new List<DocumentBlock>();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        AddParagraph(paragraph, styles, blocks);
                        break;
                    case Table table:
                        blocks.Add(new DocumentBlock(BlockKind.Table, TableText(table)));
                        break;
                }
            }

            blocks.RemoveAll(b => b.Text.Length == 0);
            var title = document.PackageProperties.Title is { Length: > 0 } t ? t
                : blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? Path.GetFileNameWithoutExtension(fileName);
            return new ExtractedDocument(title, blocks);
        }
        catch (ExtractionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ExtractionException($"The file could not be read as a Word document ({ex.GetType().Name}).");
        }
    }

    /// <summary>
    /// Before the package is opened: no decompression bomb, and no more text than the limit. The text is
    /// counted by streaming the main part's XML, so a document of plausible size that holds 20 MB of text
    /// fails in a second or two instead of being built into an object tree gigabytes in size.
    /// </summary>
    private void CheckPackageSize(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                expanded += entry.Length;
                var ratio = entry.CompressedLength == 0 ? 0 : entry.Length / entry.CompressedLength;
                if (expanded > limits.MaxExpandedBytes || ratio > limits.MaxCompressionRatio)
                {
                    throw new ExtractionException("The Word document expands to an implausible size (a decompression bomb?); it was not opened.");
                }
            }

            if (zip.GetEntry("word/document.xml") is { } main)
            {
                CheckTextSize(main);
            }
        }
        catch (InvalidDataException)
        {
            throw new ExtractionException("The file could not be read as a Word document (damaged ZIP package).");
        }
    }

    private void CheckTextSize(ZipArchiveEntry main)
    {
        long characters = 0;
        try
        {
            using var stream = main.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = true,
            });
            var buffer = new char[16 * 1024];
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    // In pieces: one giant text run is never held as a string.
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        characters += read;
                    }
                }
            }
        }
        catch (XmlException)
        {
            // Malformed XML: the SDK reports it with its own message when the document is opened.
            return;
        }

        if (characters > limits.MaxTotalCharacters)
        {
            throw limits.TooLarge(characters);
        }
    }

    private static Dictionary<string, string> StyleNames(WordprocessingDocument document) =>
        document.MainDocumentPart?.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .ToDictionary(s => s.StyleId!.Value!, s => s.StyleName?.Val?.Value ?? s.StyleId!.Value!, StringComparer.OrdinalIgnoreCase)
        ?? [];

    private static void AddParagraph(Paragraph paragraph, Dictionary<string, string> styles, List<DocumentBlock> blocks)
    {
        var text = MarkdownExtractor.WhitespaceCollapse(paragraph.InnerText);
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var style = styleId is null ? string.Empty : styles.GetValueOrDefault(styleId, styleId);
        if (HeadingLevel(style) is { } level)
        {
            blocks.Add(new DocumentBlock(BlockKind.Heading, text, level));
        }
        else if (paragraph.ParagraphProperties?.NumberingProperties is not null || style.Contains("List", StringComparison.OrdinalIgnoreCase))
        {
            blocks.Add(new DocumentBlock(BlockKind.ListItem, text));
        }
        else
        {
            blocks.Add(new DocumentBlock(BlockKind.Paragraph, text));
        }
    }

    /// <summary>"Title" is level 1; "Heading 1" becomes level 2 so the title stays above it.</summary>
    private static int? HeadingLevel(string style)
    {
        var normalized = style.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (normalized.Equals("Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return normalized.StartsWith("heading", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(normalized["heading".Length..], out var level) && level is >= 1 and <= 6
            ? level + 1
            : null;
    }

    private static string TableText(Table table) =>
        string.Join("\n", table.Elements<TableRow>().Select(row =>
            string.Join(" | ", row.Elements<TableCell>().Select(cell => MarkdownExtractor.WhitespaceCollapse(cell.InnerText)))));
}
