using System.Text;

namespace BmoLearning.Ai.Ingestion.Extraction;

internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// UTF-8 (with or without BOM); anything else is refused rather than turned into mojibake. Text over the
    /// limit is refused before its string is built: UTF-8 never has fewer bytes than characters, so only a
    /// file with more bytes than the limit needs counting, and counting allocates nothing.
    /// </summary>
    public static string Decode(ReadOnlyMemory<byte> content, ExtractionLimits limits)
    {
        var span = content.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        try
        {
            if (span.Length > limits.MaxTotalCharacters && StrictUtf8.GetCharCount(span) is var count && count > limits.MaxTotalCharacters)
            {
                throw limits.TooLarge(count);
            }

            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            throw new ExtractionException("The file is not valid UTF-8 text.");
        }
    }
}
