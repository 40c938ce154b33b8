using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Delivery.Slack;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Delivery;

/// <summary>The whole application with a fake clock (a Monday morning, UTC) and the delivery settings the tests need.</summary>
internal static class DeliveryApp
{
    public const string PublicBaseUrl = "http://localhost";
    public static readonly DateTimeOffset MondayMorning = DateTimeOffset.Parse("2026-06-08T10:00:00Z", CultureInfo.InvariantCulture);

    public static BmoAppFactory Create(FakeTimeProvider time, params IDictionary<string, string?>[] settings)
    {
        var factory = new BmoAppFactory()
            .With("Delivery:PublicBaseUrl", PublicBaseUrl)
            .WithServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(time);
            });
        foreach (var (key, value) in settings.SelectMany(d => d))
        {
            factory.With(key, value);
        }

        return factory;
    }

    /// <summary>A lesson (B correct) already sent on a channel, as the delivery job leaves it.</summary>
    public static async Task<Lesson> AddSentLessonAsync(this BmoAppFactory factory, Guid learnerId, DeliveryChannel channel, DateTimeOffset now, string? providerChannelId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var path = new LearningPath { LearnerId = learnerId, Topic = $"Grace periods {Guid.NewGuid():N}", TopicKey = Guid.NewGuid().ToString("N"), CreatedAt = now, UpdatedAt = now };
        var lesson = new Lesson
        {
            LearningPathId = path.Id,
            LearnerId = learnerId,
            Topic = "Grace periods",
            Content = "A grace period is the time between the statement date and the due date.",
            KeyPoints = ["Grace periods apply to purchases."],
            Scenario = "A client asks why interest appeared.",
            QuizQuestion = "When is no interest charged on purchases?",
            QuizOptions = ["When the minimum is paid", "When the statement balance is paid in full by the due date", "When the card is new", "Never"],
            CorrectAnswer = 1,
            Explanation = "Interest is waived only when the full statement balance is paid by the due date.",
            GeneratorName = "test",
            GeneratorVersion = "1",
            CreatedAt = now,
            DeliveredAt = now,
        };
        db.LearningPaths.Add(path);
        db.Lessons.Add(lesson);
        db.LessonDeliveries.Add(new LessonDelivery
        {
            LessonId = lesson.Id, LearnerId = learnerId, Channel = channel, Sequence = 0, IdempotencyKey = LessonDelivery.KeyFor(lesson.Id, channel, 0),
            Status = DeliveryStatus.Sent, Attempts = 1, ProviderMessageId = "1700000000.000100", ProviderChannelId = providerChannelId,
            CreatedAt = now, UpdatedAt = now, SentAt = now,
        });
        await db.SaveChangesAsync();
        return lesson;
    }

    /// <summary>A block_actions interaction as Slack posts it: form-encoded payload, signed with v0.</summary>
    public static HttpRequestMessage SlackButtonPress(string userId, Guid lessonId, int option, DateTimeOffset signedAt, string secret = ProviderFakes.SlackSigningSecret)
    {
        var payload = $$$"""
            {"type":"block_actions","user":{"id":"{{{userId}}}","username":"pat"},"team":{"id":"T0TEAM"},
             "container":{"type":"message","message_ts":"1700000000.000100","channel_id":"{{{ProviderFakes.DmChannel}}}"},
             "channel":{"id":"{{{ProviderFakes.DmChannel}}}"},"message":{"ts":"1700000000.000100"},
             "actions":[{"type":"button","action_id":"answer_{{{option}}}","block_id":"answer:{{{lessonId:N}}}","value":"{{{lessonId:N}}}:{{{option}}}","action_ts":"1700000001.1"}]}
            """;
        var body = "payload=" + Uri.EscapeDataString(payload);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded")),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>An inbound SMS as Twilio posts it, signed the documented way (HMAC-SHA1 over URL + sorted name/value pairs), written here independently of the SDK.</summary>
    public static HttpRequestMessage TwilioSms(string from, string body, string messageSid, string signedUrl = PublicBaseUrl + "/api/v1/webhooks/twilio/sms", string authToken = ProviderFakes.TwilioToken)
    {
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = ProviderFakes.TwilioSid, ["Body"] = body, ["From"] = from, ["MessageSid"] = messageSid,
            ["NumMedia"] = "0", ["SmsSid"] = messageSid, ["To"] = ProviderFakes.TwilioNumber,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/twilio/sms") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature(authToken, signedUrl, form));
        return request;
    }

    public static string TwilioSignature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        // Twilio's signature scheme is HMAC-SHA1: the algorithm is the provider's, not a choice of ours.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
