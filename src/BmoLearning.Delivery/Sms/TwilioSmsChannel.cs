using System.Net;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace BmoLearning.Delivery.Sms;

/// <summary>SMS through the Twilio SDK, sent over an HttpClient from the factory (so tests can point it at a fake).</summary>
public sealed class TwilioSmsChannel(IHttpClientFactory httpClients, LessonLinks links, IOptions<TwilioOptions> options) : IDeliveryChannel
{
    public const string HttpClientName = "twilio";

    /// <summary>Twilio's "attempt to send to unsubscribed recipient".</summary>
    public const int UnsubscribedRecipient = 21610;

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public string? CannotReach(Learner learner) =>
        !options.Value.IsConfigured ? "SMS is not configured (Twilio:AccountSid, Twilio:AuthToken, Twilio:PhoneNumber)."
        : string.IsNullOrEmpty(learner.Phone) ? "The learner has no phone number."
        : learner.SmsOptedOut ? "The learner opted out of SMS (texted STOP)."
        : null;

    public async Task<SendResult> SendAsync(DeliveryMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var client = new TwilioRestClient(settings.AccountSid, settings.AuthToken, settings.AccountSid,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
        var pageUrl = links.PageUrlFor(message.Learner.Id, message.Lesson.Id, DeliveryChannel.Sms);
        var create = new CreateMessageOptions(new PhoneNumber(message.Learner.Phone))
        {
            From = new PhoneNumber(settings.PhoneNumber),
            Body = SmsText.Lesson(message.Lesson, pageUrl, reminder: message.Sequence > 0),
        };
        try
        {
            var sent = await MessageResource.CreateAsync(create, client);
            return SendResult.Sent(sent.Sid);
        }
        catch (ApiException ex)
        {
            var error = $"Twilio {ex.Status} (code {ex.Code}): {ex.Message}";
            if (ex.Status == (int)HttpStatusCode.TooManyRequests || ex.Code == 20429)
            {
                return SendResult.RateLimited(retryAfter: null, error);
            }

            if (ex.Code == UnsubscribedRecipient)
            {
                return SendResult.Permanent(error) with { RecipientOptedOut = true };
            }

            return ex.Status >= 500 || ex.Status == (int)HttpStatusCode.RequestTimeout ? SendResult.Transient(error) : SendResult.Permanent(error);
        }
        catch (ApiConnectionException ex)
        {
            return SendResult.Transient($"Twilio unreachable: {ex.Message}");
        }
    }
}
