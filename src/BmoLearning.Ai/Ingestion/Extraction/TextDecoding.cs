using System.Text;

namespace BmoLearning.Ai.Ingestion.Extraction;

internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 (with or without BOM); anything else is refused rather than turned into mojibake.</summary>
    public static string Decode(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new ExtractionException("The file is not valid UTF-8 text.");
        }
    }
}
