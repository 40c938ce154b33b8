using Microsoft.AspNetCore.Http.HttpResults;
using System.Text;
using BmoLearning.Core.Delivery;
using BmoLearning.Delivery.Slack;
using BmoLearning.Delivery.Sms;
using BmoLearning.Delivery.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Twilio.Security;
using Twilio.TwiML;

namespace BmoLearning.Host.Delivery;

/// <summary>
/// Provider callbacks. No API key: each request is verified by the provider's signature instead, and a
/// request seen before is refused. Nothing is read or written before the signature checks out.
/// </summary>
public static class WebhookEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/slack/interactions", SlackInteractionsAsync).WithName("SlackInteractions");
        group.MapPost("/twilio/sms", TwilioSmsAsync).WithName("TwilioInboundSms");
        return app;
    }

    public static async Task<Results<Ok, ProblemHttpResult>> SlackInteractionsAsync(
        HttpRequest request, IOptions<SlackOptions> slack, IOptions<DeliveryOptions> delivery, TimeProvider time,
        ReplayGuard replays, SlackInteractionHandler handler, CancellationToken ct)
    {
        var secret = slack.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return NotConfigured("Slack interactions are not configured on this server (Slack:SigningSecret).");
        }

        var body = await ReadBodyAsync(request, ct);
        if (body is null)
        {
            return TooLarge();
        }

        var signature = request.Headers["X-Slack-Signature"].ToString();
        var check = SlackSignature.Verify(secret, request.Headers["X-Slack-Request-Timestamp"].ToString(), signature, body, time.GetUtcNow(), delivery.Value.SignatureTolerance);
        switch (check)
        {
            case SignatureCheck.Missing:
                return Rejected("X-Slack-Signature and X-Slack-Request-Timestamp are required.");
            case SignatureCheck.Invalid:
                return Rejected("The X-Slack-Signature does not match the request.");
            case SignatureCheck.Stale:
                return Rejected($"The request timestamp is more than {delivery.Value.SignatureTolerance.TotalMinutes:0} minutes from now.");
        }

        if (!await replays.TryRecordAsync("slack", signature, ct))
        {
            return Replayed();
        }

        var payload = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("payload", out var value) ? value.ToString() : null;
        if (string.IsNullOrEmpty(payload))
        {
            return TypedResults.Problem("Expected a form field 'payload' with the interaction JSON.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var outcome = await handler.HandleAsync(payload, ct);
        return outcome == InteractionOutcome.Malformed
            ? TypedResults.Problem("The interaction payload is not a valid answer.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request")
            : TypedResults.Ok();
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> TwilioSmsAsync(
        HttpRequest request, IOptions<TwilioOptions> twilio, IOptions<DeliveryOptions> delivery,
        ReplayGuard replays, SmsReplyHandler handler, CancellationToken ct)
    {
        var authToken = twilio.Value.AuthToken;
        if (string.IsNullOrEmpty(authToken))
        {
            return NotConfigured("SMS is not configured on this server (Twilio:AuthToken).");
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem("Send the webhook as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            return Rejected("X-Twilio-Signature is required.");
        }

        // The signature covers the form, so the body is read, but only up to the limit and as bytes: the
        // framework's form reader (with its own limits and multipart parsing) never sees an unsigned request.
        var body = await ReadBodyAsync(request, ct);
        if (body is null)
        {
            return TooLarge();
        }

        // Twilio signs the URL it was configured with: the public one, not the one this process listens on behind a proxy.
        var url = delivery.Value.PublicBaseUrl.TrimEnd('/') + request.PathBase + request.Path + request.QueryString;
        var parameters = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!new RequestValidator(authToken).Validate(url, parameters, signature))
        {
            return Rejected("The X-Twilio-Signature does not match the request.");
        }

        var messageSid = parameters.GetValueOrDefault("MessageSid") ?? parameters.GetValueOrDefault("SmsSid");
        var from = parameters.GetValueOrDefault("From");
        if (string.IsNullOrEmpty(messageSid) || string.IsNullOrEmpty(from))
        {
            return TypedResults.Problem("MessageSid and From are required.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        if (!await replays.TryRecordAsync("twilio", messageSid, ct))
        {
            return Replayed();
        }

        var reply = await handler.HandleAsync(from, parameters.GetValueOrDefault("Body") ?? string.Empty, ct);
        var twiml = new MessagingResponse();
        if (reply is not null)
        {
            twiml.Message(reply);
        }

        return TypedResults.Content(twiml.ToString(), "application/xml; charset=utf-8");
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", type: "https://httpstatuses.io/413");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult Rejected(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Signature rejected", type: "https://httpstatuses.io/401");

    private static ProblemHttpResult Replayed() =>
        TypedResults.Problem("This request was already processed; a replay is refused.", statusCode: StatusCodes.Status409Conflict, title: "Replayed request", type: "https://httpstatuses.io/409");

    private static ProblemHttpResult NotConfigured(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not configured", type: "https://httpstatuses.io/503");
}
