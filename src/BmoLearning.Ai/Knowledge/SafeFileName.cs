namespace BmoLearning.Ai.Knowledge;

/// <summary>
/// A display name from an uploaded file name: no directories ("../../etc/passwd" → "passwd"), no control
/// characters, at most 255 characters. It is only ever shown; storage keys are generated.
/// </summary>
public static class SafeFileName
{
    public const string Fallback = "document";

    public static string From(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Fallback;
        }

        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (clean.Length > 255)
        {
            var extension = Path.GetExtension(clean);
            clean = clean[..(255 - extension.Length)] + extension;
        }

        return clean.Length == 0 ? Fallback : clean;
    }
}
