namespace BmoLearning.Host.Errors;

/// <summary>
/// Request paths as they may appear in a log line or an error body: a lesson link's token is a credential
/// (whoever holds it can answer for the learner), so the segment after /l/ is replaced.
/// </summary>
public static class LogRedaction
{
    public const string Redacted = "[redacted]";

    public static string Path(PathString path)
    {
        var value = path.Value ?? string.Empty;
        if (!path.StartsWithSegments("/l", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue || rest.Value!.Length <= 1)
        {
            return value;
        }

        var afterToken = rest.Value.IndexOf('/', 1);
        return "/l/" + Redacted + (afterToken < 0 ? string.Empty : rest.Value[afterToken..]);
    }
}
