using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Learning.Courses;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Adaptive;

/// <summary>Outcome for one learner id of a bulk enrolment (207-style): created, already enrolled, or not found.</summary>
public sealed record EnrolmentResult(Guid LearnerId, int Status, string Outcome, Guid? EnrolmentId, string? Error);

/// <summary>Courses from files or the API, and enrolments: an enrolled learner learns the course's topics as learning paths.</summary>
public sealed class CourseService(AppDbContext db, CourseCatalog catalog, LessonRequestService lessons, TimeProvider time)
{
    public Task<Course?> FindAsync(Guid id, CancellationToken ct) => catalog.FindAsync(id, ct);

    /// <summary>
    /// Enrols each learner once; enrolling again is a no-op reported as "already_enrolled". The first topic
    /// becomes (or reuses) the learner's learning path for that topic, so lessons start at once.
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<EnrolmentResult>>> EnrolAsync(Guid courseId, IReadOnlyList<Guid> learnerIds, CancellationToken ct)
    {
        var course = await FindAsync(courseId, ct);
        if (course is null)
        {
            return ServiceResult<IReadOnlyList<EnrolmentResult>>.NotFound($"Course {courseId} does not exist.");
        }

        var first = course.Topics.OrderBy(t => t.Position).First();
        var results = new List<EnrolmentResult>();
        foreach (var learnerId in learnerIds.Distinct())
        {
            if (!await db.Learners.AnyAsync(l => l.Id == learnerId, ct))
            {
                results.Add(new EnrolmentResult(learnerId, 404, "not_found", null, $"Learner {learnerId} does not exist."));
                continue;
            }

            var existing = await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.CourseId == courseId && e.LearnerId == learnerId, ct);
            if (existing is not null)
            {
                results.Add(new EnrolmentResult(learnerId, 200, "already_enrolled", existing.Id, null));
                continue;
            }

            var now = time.Now();
            var enrolment = new Enrolment { CourseId = courseId, LearnerId = learnerId, CreatedAt = now, UpdatedAt = now };
            db.Enrolments.Add(enrolment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (!ct.IsCancellationRequested)
            {
                // A concurrent request enrolled the same learner: the unique index kept one.
                db.ChangeTracker.Clear();
                var winner = await db.Enrolments.AsNoTracking().SingleAsync(e => e.CourseId == courseId && e.LearnerId == learnerId, ct);
                results.Add(new EnrolmentResult(learnerId, 200, "already_enrolled", winner.Id, null));
                continue;
            }

            await StartTopicAsync(learnerId, first, ct);
            results.Add(new EnrolmentResult(learnerId, 201, "enrolled", enrolment.Id, null));
        }

        return ServiceResult<IReadOnlyList<EnrolmentResult>>.Ok(results);
    }

    /// <summary>Starts the learner's path on a topic (first lesson queued); an existing path for it is kept.</summary>
    public async Task StartTopicAsync(Guid learnerId, CourseTopic topic, CancellationToken ct)
    {
        var key = LearningPath.KeyFor(topic.Title);
        if (!await db.LearningPaths.AnyAsync(p => p.LearnerId == learnerId && p.TopicKey == key, ct))
        {
            await lessons.CreatePathAsync(learnerId, topic.Title, totalLessons: null, ct);
        }
    }

    /// <summary>
    /// Starts each learner on one topic (a learning path whose first lesson is queued), as
    /// <c>POST /api/v1/learning_paths</c> does for one learner: "started", "already_learning" or "not_found".
    /// </summary>
    public async Task<IReadOnlyList<EnrolmentResult>> StartTopicForAsync(string topic, IReadOnlyList<Guid> learnerIds, CancellationToken ct)
    {
        var results = new List<EnrolmentResult>();
        foreach (var learnerId in learnerIds.Distinct())
        {
            var started = await lessons.CreatePathAsync(learnerId, topic, totalLessons: null, ct);
            results.Add(started.Status switch
            {
                ServiceStatus.Ok => new EnrolmentResult(learnerId, 201, "started", started.Value.Path.Id, null),
                ServiceStatus.Conflict => new EnrolmentResult(learnerId, 200, "already_learning", null, null),
                _ => new EnrolmentResult(learnerId, 404, "not_found", null, started.Message),
            });
        }

        return results;
    }
}
