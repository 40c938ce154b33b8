using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Common;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BmoLearning.Delivery.Links;

/// <summary>What a lesson link grants: one learner, one lesson, until it expires. Channel says where the link was sent.</summary>
public sealed record LinkToken(Guid LearnerId, Guid LessonId, DeliveryChannel Channel, DateTimeOffset ExpiresAt);

public enum LinkStatus
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signed, expiring lesson links: base64url(payload) "." base64url(HMAC-SHA256(key, payload)). The payload
/// binds learner, lesson, channel and expiry; a changed byte or another key fails the check.
/// </summary>
public sealed class LessonLinks(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 16 + 16 + 8 + 1;

    public string CreateToken(Guid learnerId, Guid lessonId, DeliveryChannel channel)
    {
        var expires = time.Now() + options.Value.LinkLifetime;
        var payload = new byte[PayloadLength];
        payload[0] = Version;
        learnerId.TryWriteBytes(payload.AsSpan(1, 16));
        lessonId.TryWriteBytes(payload.AsSpan(17, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(33, 8), expires.ToUnixTimeSeconds());
        payload[41] = (byte)channel;
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(payload))}";
    }

    public (LinkStatus Status, LinkToken? Token) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || token.Split('.') is not [var payloadPart, var signaturePart])
        {
            return (LinkStatus.Invalid, null);
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(payloadPart);
            signature = WebEncoders.Base64UrlDecode(signaturePart);
        }
        catch (FormatException)
        {
            return (LinkStatus.Invalid, null);
        }

        if (payload.Length != PayloadLength || payload[0] != Version || !CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return (LinkStatus.Invalid, null);
        }

        var channel = (DeliveryChannel)payload[41];
        if (!Enum.IsDefined(channel))
        {
            return (LinkStatus.Invalid, null);
        }

        var parsed = new LinkToken(
            new Guid(payload.AsSpan(1, 16)),
            new Guid(payload.AsSpan(17, 16)),
            channel,
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(33, 8))));
        return (parsed.ExpiresAt <= time.GetUtcNow() ? LinkStatus.Expired : LinkStatus.Valid, parsed);
    }

    /// <summary>The lesson page: read the lesson and answer its question.</summary>
    public string PageUrl(string token) => $"{BaseUrl}/l/{token}";

    /// <summary>One click opens a page that confirms the chosen answer (a POST records it): used by email, where a form cannot be posted.</summary>
    public string AnswerUrl(string token, int option) => $"{BaseUrl}/l/{token}/answer/{option}";

    public string PageUrlFor(Guid learnerId, Guid lessonId, DeliveryChannel channel) => PageUrl(CreateToken(learnerId, lessonId, channel));

    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    private byte[] Sign(byte[] payload)
    {
        var key = options.Value.LinkSigningKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("Delivery:LinkSigningKey is not set.");
        }

        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload);
    }
}
