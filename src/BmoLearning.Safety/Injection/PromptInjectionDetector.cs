using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace BmoLearning.Safety.Injection;

/// <summary>Scores learner topics and document chunks for prompt-injection attempts.</summary>
/// <remarks>Stateless and thread-safe. Throws <see cref="RegexMatchTimeoutException"/> only on pathological input.</remarks>
public sealed class PromptInjectionDetector
{
    /// <summary>Score at or above which a text is treated as an injection.</summary>
    public const double Threshold = 0.5;

    private const int MaxBlobsDecoded = 8;

    private static readonly Rule[] Rules =
    [
        new(InjectionPatterns.OverrideInstructions(), SafetyIssueCodes.InjectionOverride, "Asks to ignore or override earlier instructions.", 0.9),
        new(InjectionPatterns.OverrideEverything(), SafetyIssueCodes.InjectionOverride, "Asks to disregard everything said before.", 0.85),
        new(InjectionPatterns.NewInstructions(), SafetyIssueCodes.InjectionOverride, "Sets new standing instructions for the model.", 0.6),
        new(InjectionPatterns.NewInstructionsLabel(), SafetyIssueCodes.InjectionOverride, "Announces new instructions.", 0.4),
        new(InjectionPatterns.RoleChange(), SafetyIssueCodes.InjectionRole, "Tries to give the model a new role or identity.", 0.8),
        new(InjectionPatterns.RolePlay(), SafetyIssueCodes.InjectionRole, "Asks the model to act unrestricted or switch mode.", 0.75),
        new(InjectionPatterns.TemplateMarker(), SafetyIssueCodes.InjectionMarker, "Contains chat-template or system-role markers.", 0.9),
        new(InjectionPatterns.RolePrefixWithOrder(), SafetyIssueCodes.InjectionMarker, "A system/assistant role prefix followed by an order.", 0.85),
        new(InjectionPatterns.RolePrefix(), SafetyIssueCodes.InjectionMarker, "A system/assistant role prefix or instruction heading.", 0.4),
        new(InjectionPatterns.Exfiltration(), SafetyIssueCodes.InjectionExfiltration, "Asks the model to reveal its prompt or instructions.", 0.8),
        new(InjectionPatterns.RepeatAbove(), SafetyIssueCodes.InjectionExfiltration, "Asks the model to repeat earlier text verbatim.", 0.6),
        new(InjectionPatterns.AddressedToAi(), SafetyIssueCodes.InjectionHidden, "Contains text addressed to an AI model.", 0.6),
        new(InjectionPatterns.OverrideSources(), SafetyIssueCodes.InjectionOverride, "Asks to ignore the source material.", 0.85),
        new(InjectionPatterns.DictateToLearners(), SafetyIssueCodes.InjectionOverride, "Dictates what learners are to be told.", 0.45),
        new(InjectionPatterns.OverrideInstructionsFrench(), SafetyIssueCodes.InjectionOverride, "Asks (in French) to ignore instructions or sources.", 0.85),
        new(InjectionPatterns.DictateToLearnersFrench(), SafetyIssueCodes.InjectionOverride, "Dictates (in French) what learners are to be told.", 0.45),
        new(InjectionPatterns.RoleChangeFrench(), SafetyIssueCodes.InjectionRole, "Tries (in French) to give the model a new role or standing orders.", 0.75),
        new(InjectionPatterns.ExfiltrationFrench(), SafetyIssueCodes.InjectionExfiltration, "Asks (in French) the model to reveal its prompt or instructions.", 0.8),
    ];

    public InjectionVerdict Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return InjectionVerdict.Clean;
        }

        List<InjectionReason>? reasons = null;
        var scan = HiddenText.Scan(text);
        // The patterns read the folded text: look-alike letters, accents and compatibility forms cannot hide a phrase.
        MatchRules(LookAlikes.Fold(scan.Visible), ref reasons);
        if (LookAlikes.MixesScripts(scan.Visible))
        {
            Add(ref reasons, new(SafetyIssueCodes.InjectionHidden, "Mixes look-alike letters from other alphabets into words.", 0.4));
        }

        if (scan.TagText is { Length: > 0 } tagText)
        {
            Add(ref reasons, new(SafetyIssueCodes.InjectionHidden, "Contains invisible Unicode tag characters carrying text.", 0.9));
            MatchRules(tagText, ref reasons);
        }

        if (scan.LongestInvisibleRun >= 8)
        {
            Add(ref reasons, new(SafetyIssueCodes.InjectionHidden, "Contains a long run of zero-width characters (possible encoded payload).", 0.8));
        }
        else if (scan.InvisibleCount > 0)
        {
            Add(ref reasons, new(SafetyIssueCodes.InjectionHidden, "Contains zero-width characters.", 0.35));
        }

        if (scan.BidiControlCount > 0)
        {
            Add(ref reasons, new(SafetyIssueCodes.InjectionHidden, "Contains bidirectional override characters.", 0.3));
        }

        MatchEncoded(scan.Visible, ref reasons);
        return Verdict(reasons);
    }

    private static InjectionVerdict Verdict(List<InjectionReason>? reasons)
    {
        if (reasons is null)
        {
            return InjectionVerdict.Clean;
        }

        var clean = 1.0;
        foreach (var r in reasons)
        {
            clean *= 1 - r.Weight;
        }

        var score = Math.Round(1 - clean, 4);
        return new InjectionVerdict(score >= Threshold, score, reasons);
    }

    private static void MatchRules(string text, ref List<InjectionReason>? reasons)
    {
        foreach (var rule in Rules)
        {
            if (rule.Pattern.IsMatch(text))
            {
                Add(ref reasons, new InjectionReason(rule.Code, rule.Description, rule.Weight));
            }
        }
    }

    /// <summary>Decodes base64 blobs that read as text and checks what they say.</summary>
    private static void MatchEncoded(string text, ref List<InjectionReason>? reasons)
    {
        var decodedBlobs = 0;
        foreach (var m in InjectionPatterns.Base64Blob().EnumerateMatches(text))
        {
            if (decodedBlobs++ == MaxBlobsDecoded || m.Length > 4096)
            {
                break;
            }

            var decoded = TryDecodeText(text.AsSpan(m.Index, m.Length));
            if (decoded is null)
            {
                continue;
            }

            List<InjectionReason>? inner = null;
            MatchRules(decoded, ref inner);
            if (Verdict(inner).IsInjection)
            {
                Add(ref reasons, new(SafetyIssueCodes.InjectionEncoded, "Contains base64 text that decodes to an injection.", 0.9));
                return;
            }
        }
    }

    private static string? TryDecodeText(ReadOnlySpan<char> blob)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((blob.Length * 3 / 4) + 3);
        try
        {
            // Unpadded blobs are common; pad so the decoder accepts them.
            var input = blob;
            if (blob.Length % 4 != 0)
            {
                var chars = new char[blob.Length + (4 - (blob.Length % 4))];
                blob.CopyTo(chars);
                chars.AsSpan(blob.Length).Fill('=');
                input = chars;
            }

            if (!Convert.TryFromBase64Chars(input, buffer, out var written) || written == 0)
            {
                return null;
            }

            var bytes = buffer.AsSpan(0, written);
            var printable = 0;
            foreach (var b in bytes)
            {
                if (b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t')
                {
                    printable++;
                }
            }

            return printable >= bytes.Length * 0.95 ? Encoding.ASCII.GetString(bytes) : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Add(ref List<InjectionReason>? reasons, InjectionReason reason) => (reasons ??= []).Add(reason);

    private sealed record Rule(Regex Pattern, string Code, string Description, double Weight);
}
