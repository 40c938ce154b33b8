using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BmoLearning.Delivery.Slack;

public enum SignatureCheck
{
    Valid,
    Missing,
    Stale,
    Invalid,
}

/// <summary>Slack request signing, v0: "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)).</summary>
public static class SlackSignature
{
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }

    /// <summary>Checks the signature and that the timestamp is within the tolerance of now (either side), so an old request cannot be replayed later.</summary>
    public static SignatureCheck Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return SignatureCheck.Invalid;
        }

        return Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
    }
}
