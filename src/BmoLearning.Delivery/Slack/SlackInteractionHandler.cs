using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Delivery.Slack;

public enum InteractionOutcome
{
    Answered,
    AlreadyAnswered,
    Ignored,
    Malformed,
}

/// <summary>A verified block_actions payload: an answer button press records the answer and replaces the message with the result.</summary>
public sealed class SlackInteractionHandler(AppDbContext db, QuizService quiz, SlackClient slack, ILogger<SlackInteractionHandler> logger)
{
    public async Task<InteractionOutcome> HandleAsync(string payloadJson, CancellationToken ct)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(payloadJson) as JsonObject;
        }
        catch (JsonException)
        {
            return InteractionOutcome.Malformed;
        }

        if (payload is null || (string?)payload["type"] != "block_actions")
        {
            return payload is null ? InteractionOutcome.Malformed : InteractionOutcome.Ignored;
        }

        var userId = (string?)payload["user"]?["id"];
        var action = payload["actions"] is JsonArray { Count: > 0 } actions ? actions[0] as JsonObject : null;
        var actionId = (string?)action?["action_id"];
        if (userId is null || actionId is null || !actionId.StartsWith(SlackBlocks.AnswerActionPrefix, StringComparison.Ordinal))
        {
            return InteractionOutcome.Ignored;
        }

        if (((string?)action!["value"])?.Split(':') is not [var lessonPart, var optionPart]
            || !Guid.TryParseExact(lessonPart, "N", out var lessonId)
            || !int.TryParse(optionPart, NumberStyles.None, CultureInfo.InvariantCulture, out var option))
        {
            return InteractionOutcome.Malformed;
        }

        // The button must be pressed by the learner the lesson was sent to.
        var learnerId = await db.Learners.Where(l => l.SlackUserId == userId).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lessonId, ct);
        if (learnerId is null || lesson is null || lesson.LearnerId != learnerId)
        {
            logger.LogWarning("Slack answer for lesson {LessonId} from a member who is not its learner; ignored", lessonId);
            return InteractionOutcome.Ignored;
        }

        var result = await quiz.AnswerAsync(new QuizAnswer(learnerId.Value, lessonId, option, TimeTakenSeconds: null, Channel: "slack"), ct);
        var outcome = result.Status switch
        {
            ServiceStatus.Ok => InteractionOutcome.Answered,
            ServiceStatus.Conflict => InteractionOutcome.AlreadyAnswered,
            _ => InteractionOutcome.Malformed,
        };
        if (outcome == InteractionOutcome.Malformed)
        {
            return outcome;
        }

        // Show the result in place of the buttons (the first answer's, if this was a second press).
        var response = await db.QuizResponses.AsNoTracking().SingleAsync(r => r.LessonId == lessonId && r.LearnerId == learnerId, ct);
        var channelId = (string?)payload["container"]?["channel_id"] ?? (string?)payload["channel"]?["id"];
        var ts = (string?)payload["container"]?["message_ts"] ?? (string?)payload["message"]?["ts"];
        if (channelId is not null && ts is not null)
        {
            var blocks = SlackBlocks.Answered(lesson, response.AnswerGiven, response.Correct);
            var updated = await slack.UpdateMessageAsync(channelId, ts, response.Correct ? "Correct!" : "Not quite.", blocks, ct);
            if (!updated.Ok)
            {
                // The answer is recorded; only the message still shows its buttons.
                logger.LogWarning("Slack chat.update for lesson {LessonId} failed: {Error}", lessonId, updated.Error);
            }
        }

        return outcome;
    }
}
