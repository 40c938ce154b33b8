using System.Security.Claims;
using BmoLearning.Core.Data;
using BmoLearning.Host.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Lessons;

/// <summary>
/// Who may see a lesson's correct answer and explanation. An integration that shows lessons to learners gets
/// them only once the learner has answered (or with Auth:RevealAnswersToIntegrations on); the admin key always.
/// </summary>
public sealed class AnswerVisibility(IOptionsMonitor<AuthOptions> auth)
{
    public bool SeesAllAnswers(ClaimsPrincipal user) =>
        user.HasClaim(Scopes.ClaimType, Scopes.Admin) || auth.CurrentValue.RevealAnswersToIntegrations;

    /// <summary>The ids among <paramref name="lessonIds"/> whose own learner has answered them.</summary>
    public static async Task<HashSet<Guid>> AnsweredAsync(AppDbContext db, IReadOnlyCollection<Guid> lessonIds, CancellationToken ct)
    {
        if (lessonIds.Count == 0)
        {
            return [];
        }

        var answered = await db.QuizResponses.AsNoTracking()
            .Where(r => lessonIds.Contains(r.LessonId) && db.Lessons.Any(l => l.Id == r.LessonId && l.LearnerId == r.LearnerId))
            .Select(r => r.LessonId)
            .ToListAsync(ct);
        return [.. answered];
    }

    /// <summary>The lesson as this caller may see it: the answer fields are null until they are allowed.</summary>
    public async Task<LessonResponse> ShowAsync(LessonResponse lesson, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        SeesAllAnswers(user) || (await AnsweredAsync(db, [lesson.Id], ct)).Contains(lesson.Id) ? lesson : lesson.WithoutAnswer();

    public async Task<IReadOnlyList<LessonResponse>> ShowAsync(IReadOnlyList<LessonResponse> lessons, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (SeesAllAnswers(user))
        {
            return lessons;
        }

        var answered = await AnsweredAsync(db, lessons.Select(l => l.Id).ToList(), ct);
        return lessons.Select(l => answered.Contains(l.Id) ? l : l.WithoutAnswer()).ToList();
    }
}
