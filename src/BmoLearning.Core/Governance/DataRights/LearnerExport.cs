using BmoLearning.Core.Learners;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.DataRights;

/// <summary>
/// Everything kept about one learner (a subject access request, PIPEDA / GDPR art. 15): every row keyed by the
/// learner, as plain data. New learner-keyed tables belong here too; the export test lists the tables it expects.
/// </summary>
public sealed class LearnerExport(AppDbContext db, TimeProvider time)
{
    public async Task<ServiceResult<object>> ExportAsync(Guid learnerId, CancellationToken ct)
    {
        var learner = await db.Learners.AsNoTracking().NotErased().SingleOrDefaultAsync(l => l.Id == learnerId, ct);
        if (learner is null)
        {
            return ServiceResult<object>.NotFound($"Learner {learnerId} does not exist.");
        }

        var paths = await db.LearningPaths.AsNoTracking().Where(p => p.LearnerId == learnerId).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Topic, Status = p.Status.ToString(), p.LessonsCompleted, p.TotalLessons, p.CreatedAt, p.UpdatedAt, p.CompletedAt })
            .ToListAsync(ct);
        var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                join c in db.Courses.AsNoTracking() on e.CourseId equals c.Id
                                where e.LearnerId == learnerId
                                orderby e.Id
                                select new { e.Id, e.CourseId, Course = c.Title, e.CurrentTopicPosition, e.CreatedAt, e.UpdatedAt }).ToListAsync(ct);
        var requests = await db.LessonRequests.AsNoTracking().Where(r => r.LearnerId == learnerId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.LearningPathId, r.Topic, Difficulty = r.Difficulty.ToString(), Origin = r.Origin.ToString(), Status = r.Status.ToString(), r.Error, r.LessonId, r.CreatedAt, r.CompletedAt })
            .ToListAsync(ct);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.LearnerId == learnerId).OrderBy(l => l.Id).ToListAsync(ct);
        var answers = await db.QuizResponses.AsNoTracking().Where(r => r.LearnerId == learnerId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.LessonId, r.AnswerGiven, r.Correct, r.TimeTakenSeconds, r.Channel, r.CreatedAt })
            .ToListAsync(ct);
        var reviews = await db.ReviewLogs.AsNoTracking().Where(r => r.LearnerId == learnerId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.ConceptId, r.QuizResponseId, Rating = r.Rating.ToString(), r.ReviewedAt, r.ElapsedDays })
            .ToListAsync(ct);
        var memories = await db.ConceptMemories.AsNoTracking().Where(m => m.LearnerId == learnerId).OrderBy(m => m.ConceptId)
            .Select(m => new { m.ConceptId, Phase = m.Phase.ToString(), m.Stability, m.Difficulty, m.LastReview, m.Due, m.Reps, m.Lapses })
            .ToListAsync(ct);
        var deliveries = await db.LessonDeliveries.AsNoTracking().Where(d => d.LearnerId == learnerId).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.LessonId, Channel = d.Channel.ToString(), d.Sequence, Status = d.Status.ToString(), d.Attempts, d.Error, d.ProviderMessageId, d.CreatedAt, d.SentAt })
            .ToListAsync(ct);

        return ServiceResult<object>.Ok(new
        {
            ExportedAt = time.GetUtcNow(),
            Profile = new
            {
                learner.Id,
                learner.Email,
                learner.Name,
                learner.Phone,
                learner.SlackUserId,
                learner.Team,
                PreferredChannel = learner.PreferredChannel.ToString(),
                learner.TimeZone,
                learner.PreferredDeliveryHour,
                learner.QuietHoursStart,
                learner.QuietHoursEnd,
                learner.SmsOptedOut,
                learner.SmsOptedOutAt,
                learner.CreatedAt,
                learner.UpdatedAt,
            },
            LearningPaths = paths,
            Enrolments = enrolments,
            LessonRequests = requests,
            Lessons = lessons.Select(l => new
            {
                l.Id, l.LearningPathId, l.Topic, Difficulty = l.Difficulty.ToString(), l.Content, l.KeyPoints, l.Scenario, l.QuizQuestion,
                l.QuizOptions, l.CorrectAnswer, l.Explanation, Sources = l.Sources.Select(s => new { s.DocumentId, s.ChunkId }).ToList(),
                l.GeneratorName, l.Model, l.CreatedAt, l.DeliveredAt, l.DeliveryChannel, l.ReviewOfLessonId,
            }).ToList(),
            Answers = answers,
            Reviews = reviews,
            ConceptMemories = memories,
            Deliveries = deliveries,
        });
    }
}
