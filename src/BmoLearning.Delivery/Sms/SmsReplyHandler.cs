using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Delivery.Sms;

/// <summary>
/// An inbound SMS (already verified): STOP/START/HELP keywords, an answer A–D to the learner's latest open
/// question, or anything else, which gets the help text. Returns the reply to send, or null for none.
/// </summary>
public sealed class SmsReplyHandler(AppDbContext db, QuizService quiz, TimeProvider time)
{
    // Twilio's default opt-out, opt-in and help keywords.
    private static readonly HashSet<string> StopWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"];
    private static readonly HashSet<string> StartWords = ["START", "YES", "UNSTOP", "OPTIN"];
    private static readonly HashSet<string> HelpWords = ["HELP", "INFO"];

    public async Task<string?> HandleAsync(string from, string body, CancellationToken ct)
    {
        var learner = await db.Learners.FirstOrDefaultAsync(l => l.Phone == from, ct);
        if (learner is null)
        {
            return "This number is not registered for BMO Learning lessons.";
        }

        var word = body.Trim().TrimEnd('.', '!', ')').Trim().ToUpperInvariant();
        if (StopWords.Contains(word))
        {
            learner.SmsOptedOut = true;
            learner.SmsOptedOutAt = learner.UpdatedAt = time.Now();
            await db.SaveChangesAsync(ct);
            return null; // after STOP nothing more is sent; Twilio confirms the opt-out itself
        }

        if (StartWords.Contains(word))
        {
            learner.SmsOptedOut = false;
            learner.SmsOptedOutAt = null;
            learner.UpdatedAt = time.Now();
            await db.SaveChangesAsync(ct);
            return "You will receive BMO Learning lessons by SMS again. Reply HELP for help, STOP to stop.";
        }

        if (learner.SmsOptedOut)
        {
            return null;
        }

        if (HelpWords.Contains(word))
        {
            return SmsText.Help;
        }

        if (word.Length == 1 && word[0] is >= 'A' and <= 'D')
        {
            return await AnswerAsync(learner, word[0] - 'A', ct);
        }

        return SmsText.Help;
    }

    private async Task<string> AnswerAsync(Learner learner, int option, CancellationToken ct)
    {
        // The latest lesson sent by SMS whose question is still open.
        var lessonId = await db.LessonDeliveries
            .Where(d => d.LearnerId == learner.Id && d.Channel == DeliveryChannel.Sms && d.Sequence == 0 && d.Status == DeliveryStatus.Sent)
            .Where(d => !db.QuizResponses.Any(r => r.LessonId == d.LessonId && r.LearnerId == learner.Id))
            .OrderByDescending(d => d.SentAt)
            .Select(d => (Guid?)d.LessonId)
            .FirstOrDefaultAsync(ct);
        if (lessonId is null)
        {
            return "You have no open question right now. Your next lesson will arrive soon.";
        }

        var result = await quiz.AnswerAsync(new QuizAnswer(learner.Id, lessonId.Value, option, TimeTakenSeconds: null, Channel: "sms"), ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return result.Status == ServiceStatus.Invalid ? "That option is not on this question. " + SmsText.Help : "That question has already been answered.";
        }

        var outcome = result.Value!;
        return SmsText.Result(outcome.Lesson, option, outcome.Response.Correct);
    }
}
