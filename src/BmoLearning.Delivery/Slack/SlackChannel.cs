using System.Net;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using Microsoft.Extensions.Options;

namespace BmoLearning.Delivery.Slack;

/// <summary>Direct message to the learner's Slack member id: conversations.open, then chat.postMessage with Block Kit.</summary>
public sealed class SlackChannel(SlackClient slack, LessonLinks links, IOptions<SlackOptions> options) : IDeliveryChannel
{
    /// <summary>Errors that another try cannot fix (Slack's documented error codes).</summary>
    private static readonly HashSet<string> PermanentErrors =
    [
        "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope",
        "user_not_found", "user_disabled", "users_not_found", "channel_not_found", "is_archived", "cannot_dm_bot",
        "not_allowed_token_type", "invalid_blocks", "msg_too_long", "no_text", "invalid_arguments",
    ];

    public DeliveryChannel Channel => DeliveryChannel.Slack;

    public string? CannotReach(Learner learner) =>
        string.IsNullOrEmpty(options.Value.BotToken) ? "Slack is not configured (Slack:BotToken)."
        : string.IsNullOrEmpty(learner.SlackUserId) ? "The learner has no slack_user_id."
        : null;

    public async Task<SendResult> SendAsync(DeliveryMessage message, CancellationToken ct)
    {
        var opened = await slack.OpenConversationAsync(message.Learner.SlackUserId!, ct);
        if (!opened.Ok)
        {
            return Failure("conversations.open", opened);
        }

        var channelId = (string?)opened.Body?["channel"]?["id"];
        if (string.IsNullOrEmpty(channelId))
        {
            return SendResult.Transient("conversations.open returned no channel id.");
        }

        var lesson = message.Lesson;
        var pageUrl = links.PageUrlFor(message.Learner.Id, lesson.Id, DeliveryChannel.Slack);
        var reminder = message.Sequence > 0;
        var posted = await slack.PostMessageAsync(channelId, SlackBlocks.FallbackText(lesson, reminder), SlackBlocks.Lesson(lesson, pageUrl, reminder), ct);
        return posted.Ok
            ? SendResult.Sent((string?)posted.Body?["ts"], channelId)
            : Failure("chat.postMessage", posted);
    }

    private static SendResult Failure(string method, SlackCall call)
    {
        var error = $"Slack {method}: {call.Error}";
        if (call.RateLimited)
        {
            return SendResult.RateLimited(call.RetryAfter, error);
        }

        return (int)call.Status >= 500 || call.Status == HttpStatusCode.RequestTimeout || call.Error is null || !PermanentErrors.Contains(call.Error)
            ? SendResult.Transient(error)
            : SendResult.Permanent(error);
    }
}
