using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>Markdown to blocks: headings, paragraphs, list items and whole tables, with inline markup removed.</summary>
public sealed class MarkdownExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public MarkdownExtractor()
        : this(new ExtractionLimits())
    {
    }

    public IReadOnlyCollection<string> ContentTypes { get; } = ["text/markdown"];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName)
    {
        var markdown = TextDecoding.Decode(content, limits);
        var syntax = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<DocumentBlock>();
        foreach (var block in syntax)
        {
            AddBlock(block, blocks);
        }

        var title = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == 1)?.Text
            ?? Path.GetFileNameWithoutExtension(fileName);
        return new ExtractedDocument(title, blocks);
    }

    private static void AddBlock(Block block, List<DocumentBlock> blocks)
    {
        switch (block)
        {
            case HeadingBlock heading:
                blocks.Add(new DocumentBlock(BlockKind.Heading, InlineText(heading.Inline), heading.Level));
                break;
            case ParagraphBlock paragraph:
                AddIfText(blocks, BlockKind.Paragraph, InlineText(paragraph.Inline));
                break;
            case Table table:
                AddIfText(blocks, BlockKind.Table, TableText(table));
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = string.Join(' ', item.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline)));
                    AddIfText(blocks, BlockKind.ListItem, text);
                    foreach (var nested in item.OfType<ListBlock>())
                    {
                        AddBlock(nested, blocks);
                    }
                }

                break;
            case QuoteBlock quote:
                foreach (var inner in quote)
                {
                    AddBlock(inner, blocks);
                }

                break;
            case FencedCodeBlock or CodeBlock:
                AddIfText(blocks, BlockKind.Code, ((LeafBlock)block).Lines.ToString());
                break;
        }
    }

    private static void AddIfText(List<DocumentBlock> blocks, BlockKind kind, string text)
    {
        text = text.Trim();
        if (text.Length > 0)
        {
            blocks.Add(new DocumentBlock(kind, text));
        }
    }

    /// <summary>Rows as "cell | cell | cell" lines: compact, readable, and kept together as one block.</summary>
    private static string TableText(Table table)
    {
        var sb = new StringBuilder();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>()
                .Select(cell => string.Join(' ', cell.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))).Trim());
            sb.AppendLine(string.Join(" | ", cells));
        }

        return sb.ToString();
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        AppendInline(inline, sb);
        return WhitespaceCollapse(sb.ToString());
    }

    private static void AppendInline(Inline inline, StringBuilder sb)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendInline(child, sb);
                }

                break;
        }
    }

    internal static string WhitespaceCollapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
