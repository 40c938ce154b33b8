using BmoLearning.Core.SendTime;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Learners;

public sealed record SendTimeResponse(
    Guid LearnerId, string Policy, DateOnly LocalDate, bool CanSend, int? LocalHour, DateTimeOffset? SendAt, double? EstimatedAnswerRate, bool Exploring, string Reason);

/// <summary>GET /learners/{id}/send_time: today's learned slot and why (issue 15).</summary>
public static class SendTimeEndpoints
{
    public static RouteGroupBuilder MapSendTime(this RouteGroupBuilder api)
    {
        api.MapGet("/learners/{id:guid}/send_time", GetAsync).WithTags("Learners").WithName("GetLearnerSendTime");
        return api;
    }

    public static async Task<IResult> GetAsync(Guid id, SendTimeService sendTime, CancellationToken ct)
    {
        if (await sendTime.ChooseAsync(id, ct) is not { } decision)
        {
            return ApiProblems.NotFound($"Learner {id} does not exist.");
        }

        var c = decision.Choice;
        return TypedResults.Ok(new SendTimeResponse(id, decision.Policy, decision.LocalDate, c.CanSend, c.CanSend ? c.LocalHour : null,
            c.CanSend ? c.SendAt : null, c.CanSend ? c.EstimatedAnswerRate : null, c.Explored, c.Reason));
    }
}
