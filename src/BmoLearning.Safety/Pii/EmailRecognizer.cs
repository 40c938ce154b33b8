namespace BmoLearning.Safety.Pii;

internal static class EmailRecognizer
{
    public static void Find(string text, List<PiiFinding> into)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var m in PiiPatterns.Email().EnumerateMatches(text))
        {
            var value = text.AsSpan(m.Index, m.Length);
            var at = value.IndexOf('@');
            var local = value[..at];
            if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
            {
                continue;
            }

            into.Add(new PiiFinding(PiiType.Email, m.Index, m.Length, 0.99));
        }
    }
}
