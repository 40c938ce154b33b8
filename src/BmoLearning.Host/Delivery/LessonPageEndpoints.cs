using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Delivery.Links;
using BmoLearning.Core.Delivery;
using BmoLearning.Delivery.Web;
using BmoLearning.Host.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Delivery;

/// <summary>
/// The lesson page behind a signed link: no login, the token is the credential (bound to one learner and
/// lesson, expiring). Pages are never cached, indexed or leaked through the Referer header. Only a POST
/// records an answer: mail scanners open every link in a message, so a GET only ever shows a page.
/// </summary>
public static class LessonPageEndpoints
{
    /// <summary>The answer form is one small field: anything bigger is refused before it is read.</summary>
    public const int MaxFormBytes = 16 * 1024;

    private static readonly FormOptions AnswerForm = new()
    {
        ValueCountLimit = 16,
        ValueLengthLimit = 1024,
        KeyLengthLimit = 256,
        MultipartBodyLengthLimit = MaxFormBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4096,
    };

    public static IEndpointRouteBuilder MapLessonPages(this IEndpointRouteBuilder app)
    {
        // Per-address limit: a token cannot be guessed at full speed.
        var group = app.MapGroup("/l").WithTags("Lesson pages").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .RequireRateLimiting(RateLimiting.RateLimitSetup.AddressPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                var headers = context.HttpContext.Response.Headers;
                headers.CacheControl = "no-store";
                headers["Referrer-Policy"] = "no-referrer";
                headers["X-Robots-Tag"] = "noindex";
                headers["X-Content-Type-Options"] = "nosniff";
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
                return await next(context);
            });
        group.MapGet("/{token}", ShowAsync);
        group.MapPost("/{token}", AnswerFromFormAsync);
        group.MapGet("/{token}/answer/{option:int}", ConfirmFromLinkAsync);
        return app;
    }

    public static async Task<ContentHttpResult> ShowAsync(string token, LessonLinks links, AppDbContext db, CancellationToken ct)
    {
        var (lesson, link, problem) = await ResolveAsync(token, links, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await db.QuizResponses.AsNoTracking().SingleOrDefaultAsync(r => r.LessonId == lesson!.Id && r.LearnerId == link!.LearnerId, ct);
        return answer is null
            ? Html(LessonPage.Question(lesson!, FormAction(token)))
            : Html(LessonPage.Result(lesson!, answer.AnswerGiven, answer.Correct, earlierAnswer: true));
    }

    /// <summary>
    /// Records the answer posted from the lesson or confirmation page. The token is checked before the body is
    /// read, the form is read under small limits, and a post another site started is refused.
    /// </summary>
    public static async Task<ContentHttpResult> AnswerFromFormAsync(
        string token, HttpRequest request, LessonLinks links, AppDbContext db, QuizService quiz, IOptions<DeliveryOptions> delivery, CancellationToken ct)
    {
        var (lesson, link, problem) = await ResolveAsync(token, links, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (CrossSiteRequests.IsCrossSite(request, delivery.Value.PublicBaseUrl))
        {
            return Html(LessonPage.Message("Answer not recorded", "Answers can only be sent from the lesson page itself."), StatusCodes.Status403Forbidden);
        }

        if (request.ContentLength > MaxFormBytes)
        {
            return Html(LessonPage.Message("Answer not recorded", "The form sent is too large."), StatusCodes.Status413PayloadTooLarge);
        }

        string? raw = null;
        if (request.HasFormContentType)
        {
            try
            {
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, AnswerForm));
                raw = (await request.ReadFormAsync(ct))["answer"].ToString();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                // Over the limits (InvalidDataException), broken multipart or a body cut short (IOException).
                var status = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                return Html(LessonPage.Message("Answer not recorded", "The form could not be read. Choose an option on the lesson page and submit it."), status);
            }
        }

        var option = int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        return await AnswerAsync(lesson!, link!, token, option, db, quiz, ct);
    }

    /// <summary>The one-click link from an email or message: shows the chosen option with a button that posts it, and records nothing.</summary>
    public static async Task<ContentHttpResult> ConfirmFromLinkAsync(string token, int option, LessonLinks links, AppDbContext db, CancellationToken ct)
    {
        var (lesson, link, problem) = await ResolveAsync(token, links, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await db.QuizResponses.AsNoTracking().SingleOrDefaultAsync(r => r.LessonId == lesson!.Id && r.LearnerId == link!.LearnerId, ct);
        if (answer is not null)
        {
            return Html(LessonPage.Result(lesson!, answer.AnswerGiven, answer.Correct, earlierAnswer: true));
        }

        return option < 0 || option >= lesson!.QuizOptions.Count
            ? Html(LessonPage.Question(lesson!, FormAction(token), "Choose one of the options, then submit."), StatusCodes.Status422UnprocessableEntity)
            : Html(LessonPage.Confirm(lesson, option, FormAction(token)));
    }

    private static async Task<ContentHttpResult> AnswerAsync(Lesson lesson, LinkToken link, string token, int option, AppDbContext db, QuizService quiz, CancellationToken ct)
    {
        if (option < 0 || option >= lesson.QuizOptions.Count)
        {
            return Html(LessonPage.Question(lesson, FormAction(token), "Choose one of the options, then submit."), StatusCodes.Status422UnprocessableEntity);
        }

        var channel = link.Channel.ToString().ToLowerInvariant();
        var result = await quiz.AnswerAsync(new QuizAnswer(link.LearnerId, lesson.Id, option, TimeTakenSeconds: null, channel), ct);
        if (result.Status == ServiceStatus.Ok)
        {
            return Html(LessonPage.Result(lesson, option, result.Value!.Response.Correct, earlierAnswer: false));
        }

        var earlier = await db.QuizResponses.AsNoTracking().SingleOrDefaultAsync(r => r.LessonId == lesson.Id && r.LearnerId == link.LearnerId, ct);
        return earlier is null
            ? Html(LessonPage.Message("Answer not recorded", result.Message ?? "The answer could not be recorded."), StatusCodes.Status422UnprocessableEntity)
            : Html(LessonPage.Result(lesson, earlier.AnswerGiven, earlier.Correct, earlierAnswer: true), StatusCodes.Status409Conflict);
    }

    private static async Task<(Lesson? Lesson, LinkToken? Link, ContentHttpResult? Problem)> ResolveAsync(string token, LessonLinks links, AppDbContext db, CancellationToken ct)
    {
        var (status, link) = links.Read(token);
        if (status == LinkStatus.Invalid)
        {
            return (null, null, Html(LessonPage.Message("Link not valid", "This lesson link is not valid. Use the link from your latest message."), StatusCodes.Status404NotFound));
        }

        if (status == LinkStatus.Expired)
        {
            return (null, null, Html(LessonPage.Message("Link expired", "This lesson link has expired. Your next lesson will bring a new one."), StatusCodes.Status410Gone));
        }

        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == link!.LessonId && l.LearnerId == link.LearnerId, ct);
        return lesson is null
            ? (null, null, Html(LessonPage.Message("Lesson not found", "This lesson no longer exists."), StatusCodes.Status404NotFound))
            : (lesson, link, null);
    }

    private static string FormAction(string token) => $"/l/{token}";

    private static ContentHttpResult Html(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
}
