using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.Exceptions;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>
/// PDF to blocks with page numbers: words are grouped into text blocks (Docstrum) and put in reading
/// order, so two-column pages read column by column. Blocks set in a clearly larger font than the
/// document's body text become headings.
/// </summary>
public sealed class PdfExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public PdfExtractor()
        : this(new ExtractionLimits())
    {
    }

    public IReadOnlyCollection<string> ContentTypes { get; } = [ContentSniffer.Pdf];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName)
    {
        try
        {
            using var document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > limits.MaxPages)
            {
                throw new ExtractionException($"The PDF has {document.NumberOfPages} pages; at most {limits.MaxPages} are accepted.");
            }

            var pages = document.GetPages().Select(page => (page.Number, Blocks: BlocksOf(page))).ToList();
            var bodySize = BodyFontSize(pages.SelectMany(p => p.Blocks));
            var blocks = new List<DocumentBlock>();
            var total = 0;
            foreach (var (number, pageBlocks) in pages)
            {
                foreach (var block in pageBlocks)
                {
                    foreach (var (text, level) in Segments(block, bodySize))
                    {
                        total += text.Length;
                        if (total > limits.MaxTotalCharacters)
                        {
                            throw new ExtractionException($"The PDF holds more than {limits.MaxTotalCharacters:N0} characters of text.");
                        }

                        blocks.Add(level is { } headingLevel
                            ? new DocumentBlock(BlockKind.Heading, text, headingLevel, number)
                            : new DocumentBlock(BlockKind.Paragraph, text, Page: number));
                    }
                }
            }

            if (blocks.Count == 0)
            {
                throw new ExtractionException("The PDF has no extractable text; it may be a scan. Run it through OCR first.");
            }

            var title = document.Information.Title is { Length: > 0 } info ? info
                : blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? Path.GetFileNameWithoutExtension(fileName);
            return new ExtractedDocument(title, blocks, document.NumberOfPages);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ExtractionException("The PDF is encrypted (password-protected); upload an unprotected copy.");
        }
        catch (ExtractionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig signals malformed files with many exception types; all mean the same to the user.
            throw new ExtractionException($"The file could not be read as a PDF ({ex.GetType().Name}).");
        }
    }

    private IReadOnlyList<TextBlock> BlocksOf(Page page)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        if (words.Sum(w => w.Text.Length) > limits.MaxCharactersPerPage)
        {
            throw new ExtractionException($"Page {page.Number} holds more than {limits.MaxCharactersPerPage:N0} characters of text.");
        }

        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        return UnsupervisedReadingOrderDetector.Instance.Get(blocks).ToList();
    }

    private static double BodyFontSize(IEnumerable<TextBlock> blocks)
    {
        // The most common letter size, weighted by letters, is the body text.
        var sizes = blocks.SelectMany(b => b.TextLines).SelectMany(l => l.Words).SelectMany(w => w.Letters)
            .GroupBy(l => Math.Round(l.PointSize, 1)).OrderByDescending(g => g.Count()).FirstOrDefault();
        return sizes?.Key ?? 0;
    }

    /// <summary>
    /// Splits a text block into runs of lines of the same role: lines set clearly larger than the body
    /// text are headings (a block can hold a heading and the line under it), the rest paragraphs.
    /// </summary>
    private static IEnumerable<(string Text, int? Level)> Segments(TextBlock block, double bodySize)
    {
        var lines = new List<string>();
        int? current = null;
        foreach (var line in block.TextLines)
        {
            var level = HeadingLevel(line, bodySize);
            if (lines.Count > 0 && level != current)
            {
                yield return (MarkdownExtractor.WhitespaceCollapse(string.Join(' ', lines)), current);
                lines.Clear();
            }

            current = level;
            lines.Add(line.Text);
        }

        if (lines.Count > 0)
        {
            yield return (MarkdownExtractor.WhitespaceCollapse(string.Join(' ', lines)), current);
        }
    }

    private static int? HeadingLevel(TextLine line, double bodySize)
    {
        var letters = line.Words.SelectMany(w => w.Letters).ToList();
        if (bodySize <= 0 || letters.Count == 0 || line.Words.Count > 15)
        {
            return null;
        }

        var size = letters.Average(l => l.PointSize);
        return size >= bodySize * 1.6 ? 1 : size >= bodySize * 1.2 ? 2 : null;
    }
}
