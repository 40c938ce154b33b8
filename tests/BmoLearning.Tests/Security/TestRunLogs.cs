using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace BmoLearning.Tests.Security;

/// <summary>
/// What must never reach a log line in the whole test run (issue 17): every key, token, secret or password a
/// test host is configured with, the email of every learner the tests create, and anything shaped like a
/// lesson-link token. Every <see cref="Infrastructure.BmoAppFactory"/> captures its host's logs and scans
/// them with this when it is disposed, failing the test that owned it.
/// </summary>
public static partial class TestRunLogs
{
    private static readonly ConcurrentDictionary<string, string> Secrets = new(StringComparer.Ordinal);

    /// <summary>Remembers a secret under a label that a failure may print (the secret itself is never printed).</summary>
    public static void AddSecret(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length >= 8)
        {
            Secrets.TryAdd(value, label);
        }
    }

    public static void AddLearnerEmail(string email) => AddSecret("a learner's email", email);

    /// <summary>Setting names whose values are credentials.</summary>
    public static bool IsSecretSetting(string key) =>
        key.EndsWith("Key", StringComparison.OrdinalIgnoreCase) || key.Contains("Keys:", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("Secret", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("Password", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_KEY", StringComparison.Ordinal);

    /// <summary>Each finding names the kind of secret and the line with the secret cut out.</summary>
    public static IReadOnlyList<string> Scan(IEnumerable<string> lines)
    {
        var findings = new List<string>();
        var secrets = Secrets.ToArray();
        foreach (var line in lines)
        {
            foreach (var (secret, label) in secrets)
            {
                if (line.Contains(secret, StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add($"{label}: {line.Replace(secret, "<secret>", StringComparison.OrdinalIgnoreCase)}");
                }
            }

            if (LinkToken().Match(line) is { Success: true } token)
            {
                findings.Add($"a lesson-link token: {line.Replace(token.Value, "<token>", StringComparison.Ordinal)}");
            }
        }

        return findings;
    }

    /// <summary>A signed lesson link: a base64url payload (two ids, a channel, an expiry) and a base64url HMAC.</summary>
    [GeneratedRegex(@"[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{40,}")]
    private static partial Regex LinkToken();
}
