using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace BmoLearning.Ai.Ingestion.Extraction;

/// <summary>
/// Decides a document's type from its bytes (magic numbers and structure), not from its name: a
/// renamed executable is not a PDF because it ends in ".pdf". The name only separates Markdown from
/// plain text, which look the same.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
    public const string PlainText = "text/plain";

    public static IReadOnlyList<string> Supported { get; } = [Pdf, Docx, Html, Markdown, PlainText];

    /// <summary>The content type, or null when the bytes are not a supported document.</summary>
    public static string? Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return IsWordDocument(content) ? Docx : null;
        }

        if (!LooksLikeText(content))
        {
            return null;
        }

        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 2048)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal)
            || (head.StartsWith('<') && (head.Contains("<body", StringComparison.Ordinal) || head.Contains("<head", StringComparison.Ordinal))))
        {
            return Html;
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension is ".md" or ".markdown" || head.StartsWith("# ", StringComparison.Ordinal) ? Markdown : PlainText;
    }

    private static bool IsWordDocument(ReadOnlySpan<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Text has no NUL bytes and decodes as UTF-8 in its first few kilobytes.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 8192)];
        if (sample.Contains((byte)0))
        {
            return false;
        }

        // Cut at a character boundary so a multi-byte character split by the sample does not count as invalid.
        var end = sample.Length;
        while (end > 0 && end > sample.Length - 4 && (sample[end - 1] & 0xC0) == 0x80)
        {
            end--;
        }

        if (end > 0 && sample[end - 1] >= 0xC0)
        {
            end--;
        }

        return Utf8.IsValid(sample[..end]);
    }
}
