using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>
/// HTML to blocks: the main content (main, article or body) without scripts, styles, navigation,
/// headers, footers or forms; h1–h6 become headings, li list items, tables one block each.
/// </summary>
public sealed class HtmlExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    private static readonly HashSet<string> BlockTags =
    [
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "main", "ol", "p", "pre", "section", "table", "ul",
    ];

    private static readonly string[] Dropped = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "iframe", "svg", "button"];

    public HtmlExtractor()
        : this(new ExtractionLimits())
    {
    }

    public IReadOnlyCollection<string> ContentTypes { get; } = [ContentSniffer.Html];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName)
    {
        // Markup is several times the text it carries: the markup gets a larger allowance, the text the limit itself.
        var html = TextDecoding.Decode(content, limits with { MaxTotalCharacters = MarkupAllowance(limits) });

        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(string.Join(",", Dropped)).ToList())
        {
            element.Remove();
        }

        var root = document.QuerySelector("main") ?? document.QuerySelector("article") ?? document.Body;
        var blocks = new List<DocumentBlock>();
        if (root is not null)
        {
            Walk(root, blocks);
        }

        var characters = blocks.Sum(b => (long)b.Text.Length);
        if (characters > limits.MaxTotalCharacters)
        {
            throw limits.TooLarge(characters);
        }

        var title = document.Title is { Length: > 0 } t ? MarkdownExtractor.WhitespaceCollapse(t)
            : blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? Path.GetFileNameWithoutExtension(fileName);
        return new ExtractedDocument(title, blocks);
    }

    private static int MarkupAllowance(ExtractionLimits limits) => (int)Math.Min(int.MaxValue, 4L * limits.MaxTotalCharacters);

    private static void Walk(IElement element, List<DocumentBlock> blocks)
    {
        foreach (var child in element.Children)
        {
            var tag = child.LocalName;
            switch (tag)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Add(blocks, BlockKind.Heading, child.TextContent, tag[1] - '0');
                    break;
                case "p" or "blockquote" or "dd" or "dt" or "figcaption":
                    Add(blocks, BlockKind.Paragraph, child.TextContent);
                    break;
                case "li":
                    Add(blocks, BlockKind.ListItem, child.TextContent);
                    break;
                case "pre":
                    blocks.Add(new DocumentBlock(BlockKind.Code, child.TextContent.Trim()));
                    break;
                case "table":
                    Add(blocks, BlockKind.Table, string.Join("\n", child.QuerySelectorAll("tr").Select(row =>
                        string.Join(" | ", row.Children.Where(c => c.LocalName is "td" or "th").Select(c => MarkdownExtractor.WhitespaceCollapse(c.TextContent))))));
                    break;
                default:
                    if (!child.Descendants<IElement>().Any(d => BlockTags.Contains(d.LocalName)))
                    {
                        // A div or section holding only text and inline markup is a paragraph too.
                        Add(blocks, BlockKind.Paragraph, child.TextContent);
                    }
                    else
                    {
                        Walk(child, blocks);
                    }

                    break;
            }
        }
    }

    private static void Add(List<DocumentBlock> blocks, BlockKind kind, string text, int level = 0)
    {
        text = kind == BlockKind.Table ? text.Trim() : MarkdownExtractor.WhitespaceCollapse(text);
        if (text.Length > 0)
        {
            blocks.Add(new DocumentBlock(kind, text, level));
        }
    }
}
