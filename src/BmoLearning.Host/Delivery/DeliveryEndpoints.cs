using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Delivery.Links;
using BmoLearning.Host.Errors;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Delivery;

public sealed record DeliveryResponse(
    Guid Id,
    string Channel,
    int Sequence,
    string Kind,
    string Status,
    string? Error,
    int Attempts,
    string? ProviderMessageId,
    string? FallbackFrom,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SentAt);

/// <summary>web_url is the learner's signed link to the lesson page: an integration may hand it on.</summary>
public sealed record LessonDeliveriesResponse(Guid LessonId, string WebUrl, IReadOnlyList<DeliveryResponse> Deliveries);

public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/lessons/{id:guid}/deliveries", ListAsync).WithTags("Delivery").WithName("ListLessonDeliveries");
        return api;
    }

    public static async Task<Results<Ok<LessonDeliveriesResponse>, ProblemHttpResult>> ListAsync(Guid id, AppDbContext db, LessonLinks links, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.Id, l.LearnerId }).SingleOrDefaultAsync(ct);
        if (lesson is null)
        {
            return ApiProblems.NotFound($"Lesson {id} does not exist.");
        }

        var records = await db.LessonDeliveries.AsNoTracking().Where(d => d.LessonId == id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok(new LessonDeliveriesResponse(
            lesson.Id,
            links.PageUrlFor(lesson.LearnerId, lesson.Id, DeliveryChannel.Web),
            records.Select(d => new DeliveryResponse(
                d.Id, Name(d.Channel), d.Sequence, d.Sequence == 0 ? "lesson" : "reminder", d.Status.ToString().ToLowerInvariant(), d.Error, d.Attempts,
                d.ProviderMessageId, d.FallbackFrom is { } from ? Name(from) : null, d.NextAttemptAt, d.CreatedAt, d.UpdatedAt, d.SentAt)).ToList()));
    }

    private static string Name(DeliveryChannel channel) => channel.ToString().ToLowerInvariant();
}
