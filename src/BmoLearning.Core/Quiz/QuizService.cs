using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Quiz;

public sealed record QuizAnswer(Guid LearnerId, Guid LessonId, int AnswerGiven, int? TimeTakenSeconds, string? Channel);

public sealed record QuizOutcome(QuizResponse Response, Lesson Lesson, int LessonsCompleted, int TotalLessons, string PathStatus);

/// <summary>Records answers: one per learner and lesson; a correct one advances the learning path; each is a review of the lesson's concepts.</summary>
public sealed class QuizService(AppDbContext db, TimeProvider time, Adaptive.ReviewRecorder reviews)
{
    public async Task<ServiceResult<QuizOutcome>> AnswerAsync(QuizAnswer answer, CancellationToken ct)
    {
        if (!await db.Learners.AnyAsync(l => l.Id == answer.LearnerId, ct))
        {
            return ServiceResult<QuizOutcome>.NotFound($"Learner {answer.LearnerId} does not exist.");
        }

        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == answer.LessonId, ct);
        if (lesson is null)
        {
            return ServiceResult<QuizOutcome>.NotFound($"Lesson {answer.LessonId} does not exist.");
        }

        if (lesson.LearnerId != answer.LearnerId)
        {
            return ServiceResult<QuizOutcome>.Invalid("lesson_id", "The lesson belongs to another learner.");
        }

        if (answer.AnswerGiven < 0 || answer.AnswerGiven >= lesson.QuizOptions.Count)
        {
            return ServiceResult<QuizOutcome>.Invalid("answer_given", $"Must be an option index from 0 to {lesson.QuizOptions.Count - 1}.");
        }

        if (await db.QuizResponses.AnyAsync(r => r.LearnerId == answer.LearnerId && r.LessonId == answer.LessonId, ct))
        {
            return ServiceResult<QuizOutcome>.Conflict("This lesson has already been answered.");
        }

        var now = time.Now();
        var response = new QuizResponse
        {
            LearnerId = answer.LearnerId,
            LessonId = answer.LessonId,
            AnswerGiven = answer.AnswerGiven,
            Correct = answer.AnswerGiven == lesson.CorrectAnswer,
            TimeTakenSeconds = answer.TimeTakenSeconds,
            Channel = answer.Channel,
            CreatedAt = now,
        };
        db.QuizResponses.Add(response);
        var path = await db.LearningPaths.SingleAsync(p => p.Id == lesson.LearningPathId, ct);
        if (response.Correct && lesson.ReviewOfLessonId is null)
        {
            // A review question re-tests a lesson already counted; only new lessons advance the path.
            path.RecordCorrectAnswer(now);
        }

        await reviews.RecordAsync(response, lesson, ct);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // A concurrent answer for the same lesson won the race; the unique index kept the data right.
            if (await IsDuplicateAsync(answer, ct))
            {
                return ServiceResult<QuizOutcome>.Conflict("This lesson has already been answered.");
            }

            throw;
        }

        return ServiceResult<QuizOutcome>.Ok(new QuizOutcome(response, lesson, path.LessonsCompleted, path.TotalLessons, path.Status.ToString().ToLowerInvariant()));
    }

    private async Task<bool> IsDuplicateAsync(QuizAnswer answer, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.QuizResponses.AnyAsync(r => r.LearnerId == answer.LearnerId && r.LessonId == answer.LessonId, ct);
    }
}
