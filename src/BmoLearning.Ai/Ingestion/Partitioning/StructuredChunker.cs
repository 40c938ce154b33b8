using BmoLearning.Ai.Ingestion.Extraction;
using BmoLearning.Ai.Text;

namespace BmoLearning.Ai.Ingestion.Partitioning;

/// <summary>
/// Step 2 of ingestion: splits a document at its headings, then packs each section's paragraphs into
/// chunks of about the target size. A table is split only when it is longer than
/// <see cref="ChunkingOptions.MaxTableWords"/> (at rows, each part under the table's first row); a paragraph longer than the maximum is split at sentence
/// boundaries, and a sentence longer than the maximum at words; consecutive chunks of one section overlap
/// by a sentence or so. Every step is linear in the text, and partitioning stops at
/// <see cref="ChunkingOptions.MaxChunks"/> instead of building an unbounded list.
/// </summary>
public sealed class StructuredChunker(ChunkingOptions options)
{
    public StructuredChunker()
        : this(new ChunkingOptions())
    {
    }

    public IReadOnlyList<ChunkDraft> Partition(ExtractedDocument document)
    {
        var chunks = new List<ChunkDraft>();
        var headings = new List<(int Level, string Text)>();
        var section = new List<DocumentBlock>();

        foreach (var block in document.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                PackSection(section, HeadingPath(document.Title, headings), chunks);
                section.Clear();
                headings.RemoveAll(h => h.Level >= block.Level);
                headings.Add((block.Level, block.Text));
            }
            else
            {
                section.Add(block);
            }
        }

        PackSection(section, HeadingPath(document.Title, headings), chunks);
        return chunks;
    }

    private void Add(List<ChunkDraft> chunks, ChunkDraft chunk)
    {
        if (chunks.Count == options.MaxChunks)
        {
            throw new ExtractionException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The document is too large: it splits into more than {options.MaxChunks:N0} chunks (the limit). Split it into smaller documents."));
        }

        chunks.Add(chunk);
    }

    private static string HeadingPath(string title, List<(int Level, string Text)> headings)
    {
        var parts = headings.Select(h => h.Text).ToList();
        if (parts.Count == 0 || !string.Equals(parts[0], title, StringComparison.OrdinalIgnoreCase))
        {
            parts.Insert(0, title);
        }

        return string.Join(" > ", parts);
    }

    private void PackSection(List<DocumentBlock> blocks, string headingPath, List<ChunkDraft> chunks)
    {
        var units = blocks.SelectMany(SplitOversized).ToList();
        var current = new List<DocumentBlock>();
        var words = 0;
        foreach (var unit in units)
        {
            var unitWords = SentenceSplitter.WordCount(unit.Text);
            var wouldOverflow = words + unitWords > options.MaxWords
                || (words >= options.TargetWords && unit.Kind != BlockKind.ListItem);
            if (current.Count > 0 && wouldOverflow)
            {
                Add(chunks, ToChunk(current, headingPath));
                current = Overlap(current);
                words = current.Sum(b => SentenceSplitter.WordCount(b.Text));
                if (words + unitWords > options.MaxWords)
                {
                    current.Clear();
                    words = 0;
                }
            }

            current.Add(unit);
            words += unitWords;
        }

        if (current.Count > 0)
        {
            Add(chunks, ToChunk(current, headingPath));
        }
    }

    /// <summary>
    /// Paragraphs longer than the maximum become sentence groups (a sentence longer than the maximum becomes
    /// word groups); tables and code longer than their own maximum become groups of whole lines.
    /// </summary>
    private IEnumerable<DocumentBlock> SplitOversized(DocumentBlock block)
    {
        var whole = block.Kind is BlockKind.Table or BlockKind.Code ? options.MaxTableWords : options.MaxWords;
        if (SentenceSplitter.WordCount(block.Text) <= whole)
        {
            return [block];
        }

        return block.Kind is BlockKind.Table or BlockKind.Code ? SplitLines(block) : SplitSentences(block);
    }

    private IEnumerable<DocumentBlock> SplitSentences(DocumentBlock block)
    {
        var group = new List<string>();
        var words = 0;
        foreach (var sentence in SentenceSplitter.Split(block.Text).SelectMany(SplitLongSentence))
        {
            var sentenceWords = SentenceSplitter.WordCount(sentence);
            if (group.Count > 0 && words + sentenceWords > options.TargetWords)
            {
                yield return block with { Text = string.Join(' ', group) };
                group.Clear();
                words = 0;
            }

            group.Add(sentence);
            words += sentenceWords;
        }

        if (group.Count > 0)
        {
            yield return block with { Text = string.Join(' ', group) };
        }
    }

    /// <summary>Text with no sentence end for hundreds of words (a dump, a list without punctuation): word groups.</summary>
    private IEnumerable<string> SplitLongSentence(string sentence) =>
        SentenceSplitter.WordCount(sentence) <= options.MaxWords
            ? [sentence]
            : sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Chunk(options.TargetWords).Select(w => string.Join(' ', w));

    /// <summary>A long table or code block in parts of whole lines; a table's first row (its header) heads every part.</summary>
    private IEnumerable<DocumentBlock> SplitLines(DocumentBlock block)
    {
        var lines = block.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(SplitLongSentence).ToList();
        var header = block.Kind == BlockKind.Table && lines.Count > 1 && SentenceSplitter.WordCount(lines[0]) <= options.TargetWords / 2 ? lines[0] : null;
        var headerWords = header is null ? 0 : SentenceSplitter.WordCount(header);
        var group = new List<string>();
        var words = 0;
        foreach (var line in header is null ? lines : lines.Skip(1))
        {
            var lineWords = SentenceSplitter.WordCount(line);
            if (group.Count > 0 && headerWords + words + lineWords > options.TargetWords)
            {
                yield return block with { Text = Lines(header, group) };
                group.Clear();
                words = 0;
            }

            group.Add(line);
            words += lineWords;
        }

        if (group.Count > 0)
        {
            yield return block with { Text = Lines(header, group) };
        }
    }

    private static string Lines(string? header, List<string> lines) =>
        header is null ? string.Join('\n', lines) : header + "\n" + string.Join('\n', lines);

    /// <summary>The trailing sentences of a finished chunk, up to the overlap budget, to open the next.</summary>
    private List<DocumentBlock> Overlap(List<DocumentBlock> finished)
    {
        var last = finished[^1];
        if (options.OverlapWords <= 0 || last.Kind is BlockKind.Table or BlockKind.Code)
        {
            return [];
        }

        var kept = new List<string>();
        var words = 0;
        foreach (var sentence in SentenceSplitter.Split(last.Text).Reverse())
        {
            var sentenceWords = SentenceSplitter.WordCount(sentence);
            if (words + sentenceWords > options.OverlapWords)
            {
                break;
            }

            kept.Insert(0, sentence);
            words += sentenceWords;
        }

        return kept.Count == 0 ? [] : [last with { Text = string.Join(' ', kept) }];
    }

    private static ChunkDraft ToChunk(List<DocumentBlock> blocks, string headingPath)
    {
        var text = string.Join("\n", blocks.Select(b => b.Kind == BlockKind.ListItem ? "- " + b.Text : b.Text.TrimEnd()));
        var pages = blocks.Where(b => b.Page.HasValue).Select(b => b.Page!.Value).ToList();
        return new ChunkDraft(text, headingPath, pages.Count > 0 ? pages.Min() : null, pages.Count > 0 ? pages.Max() : null);
    }
}
