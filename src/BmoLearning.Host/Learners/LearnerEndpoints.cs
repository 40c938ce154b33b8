using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Host.Common;
using BmoLearning.Host.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Learners;

public static class LearnerEndpoints
{
    public static RouteGroupBuilder MapLearners(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/learners").WithTags("Learners");
        group.MapPost("/", CreateAsync).WithName("CreateLearner");
        group.MapGet("/", ListAsync).WithName("ListLearners");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLearner");
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateLearner");
        return api;
    }

    public static async Task<Results<Created<LearnerResponse>, ProblemHttpResult>> CreateAsync(CreateLearnerRequest request, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Require("email", request.Email, 254)
            .Require("name", request.Name, 200)
            .Range("preferred_delivery_hour", request.PreferredDeliveryHour, 0, 23);
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            LearnerValidation.Email(errors, request.Email.Trim());
        }

        LearnerValidation.Phone(errors, request.Phone);
        LearnerValidation.SlackUserId(errors, request.SlackUserId);
        LearnerValidation.TimeZone(errors, request.TimeZone);
        var channel = LearnerValidation.Channel(errors, request.PreferredChannel) ?? DeliveryChannel.Web;
        LearnerValidation.ChannelReachable(errors, channel, request.Phone, request.SlackUserId);
        var quietStart = LearnerValidation.QuietHour(errors, "quiet_hours_start", request.QuietHoursStart);
        var quietEnd = LearnerValidation.QuietHour(errors, "quiet_hours_end", request.QuietHoursEnd);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var email = LearnerValidation.NormalizeEmail(request.Email!);
        if (await db.Learners.AnyAsync(l => l.Email == email, ct))
        {
            return ApiProblems.Conflict($"A learner with email {email} already exists.");
        }

        var now = time.Now();
        var learner = new Learner
        {
            Email = email,
            Name = request.Name!.Trim(),
            Phone = NullIfEmpty(request.Phone),
            SlackUserId = NullIfEmpty(request.SlackUserId),
            PreferredChannel = channel,
            TimeZone = request.TimeZone ?? "UTC",
            PreferredDeliveryHour = request.PreferredDeliveryHour ?? 9,
            QuietHoursStart = quietStart.Value,
            QuietHoursEnd = quietEnd.Value,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Learners.Add(learner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index caught a concurrent create with the same email.
            return ApiProblems.Conflict($"A learner with email {email} already exists.");
        }

        return TypedResults.Created($"/api/v1/learners/{learner.Id}", learner.ToResponse());
    }

    public static async Task<Results<Ok<PageOf<LearnerResponse>>, ProblemHttpResult>> ListAsync(
        AppDbContext db, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] int? perPage, CancellationToken ct)
    {
        if (Paging.Validate(page, perPage) is { } invalid)
        {
            return invalid;
        }

        var paging = new Paging(page, perPage);
        var total = await db.Learners.NotErased().CountAsync(ct);
        var learners = await db.Learners.AsNoTracking().NotErased().OrderBy(l => l.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(ct);
        return TypedResults.Ok(paging.Page(learners.Select(l => l.ToResponse()).ToList(), total));
    }

    public static async Task<Results<Ok<LearnerResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var learner = await db.Learners.AsNoTracking().NotErased().SingleOrDefaultAsync(l => l.Id == id, ct);
        return learner is null ? ApiProblems.NotFound($"Learner {id} does not exist.") : TypedResults.Ok(learner.ToResponse());
    }

    public static async Task<Results<Ok<LearnerResponse>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateLearnerRequest request, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var learner = await db.Learners.NotErased().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (learner is null)
        {
            return ApiProblems.NotFound($"Learner {id} does not exist.");
        }

        var errors = new FieldErrors().Range("preferred_delivery_hour", request.PreferredDeliveryHour, 0, 23);
        if (request.Email is not null)
        {
            errors.Require("email", request.Email, 254);
            LearnerValidation.Email(errors, request.Email.Trim());
        }

        if (request.Name is not null)
        {
            errors.Require("name", request.Name, 200);
        }

        LearnerValidation.Phone(errors, request.Phone);
        LearnerValidation.SlackUserId(errors, request.SlackUserId);
        LearnerValidation.TimeZone(errors, request.TimeZone);
        var channel = LearnerValidation.Channel(errors, request.PreferredChannel) ?? learner.PreferredChannel;
        var phone = request.Phone is null ? learner.Phone : NullIfEmpty(request.Phone);
        var slackUserId = request.SlackUserId is null ? learner.SlackUserId : NullIfEmpty(request.SlackUserId);
        LearnerValidation.ChannelReachable(errors, channel, phone, slackUserId);
        var quietStart = LearnerValidation.QuietHour(errors, "quiet_hours_start", request.QuietHoursStart);
        var quietEnd = LearnerValidation.QuietHour(errors, "quiet_hours_end", request.QuietHoursEnd);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.Email is not null)
        {
            var email = LearnerValidation.NormalizeEmail(request.Email);
            if (email != learner.Email && await db.Learners.AnyAsync(l => l.Email == email, ct))
            {
                return ApiProblems.Conflict($"A learner with email {email} already exists.");
            }

            learner.Email = email;
        }

        learner.Name = request.Name?.Trim() ?? learner.Name;
        learner.Phone = phone;
        learner.SlackUserId = slackUserId;
        learner.PreferredChannel = channel;
        learner.TimeZone = request.TimeZone ?? learner.TimeZone;
        learner.PreferredDeliveryHour = request.PreferredDeliveryHour ?? learner.PreferredDeliveryHour;
        learner.QuietHoursStart = quietStart.Given ? quietStart.Value : learner.QuietHoursStart;
        learner.QuietHoursEnd = quietEnd.Given ? quietEnd.Value : learner.QuietHoursEnd;
        learner.UpdatedAt = time.Now();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict($"A learner with email {learner.Email} already exists.");
        }

        return TypedResults.Ok(learner.ToResponse());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
