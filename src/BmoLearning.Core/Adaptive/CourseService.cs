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
public sealed class CourseService(AppDbContext db, LessonRequestService lessons, TimeProvider time)
{
    /// <summary>Creates the course, or replaces its title and topics when the slug exists; returns it with its topics.</summary>
    public async Task<(Course Course, bool Created)> UpsertAsync(CourseDefinition definition, CancellationToken ct)
    {
        var now = time.Now();
        var course = await db.Courses.Include(c => c.Topics).SingleOrDefaultAsync(c => c.Slug == definition.Id, ct);
        var created = course is null;
        if (course is null)
        {
            course = new Course { Slug = definition.Id, Title = definition.Title, CreatedAt = now, UpdatedAt = now };
            db.Courses.Add(course);
        }
        else if (Same(course, definition))
        {
            return (course, false);
        }
        else
        {
            course.Title = definition.Title;
            course.UpdatedAt = now;
            db.CourseTopics.RemoveRange(course.Topics);
            course.Topics.Clear();
            await db.SaveChangesAsync(ct); // old positions go before new ones take them (unique index)
        }

        course.Topics.AddRange(definition.Topics.Select((t, i) => new CourseTopic
        {
            CourseId = course.Id, Position = i, Slug = t.Id, Title = t.Title, Prerequisites = t.Prerequisites.ToList(),
        }));
        await db.SaveChangesAsync(ct);
        return (course, created);
    }

    public Task<Course?> FindAsync(Guid id, CancellationToken ct) =>
        db.Courses.AsNoTracking().Include(c => c.Topics.OrderBy(t => t.Position)).SingleOrDefaultAsync(c => c.Id == id, ct);

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

    private static bool Same(Course course, CourseDefinition definition) =>
        course.Title == definition.Title
        && course.Topics.Count == definition.Topics.Count
        && course.Topics.OrderBy(t => t.Position).Zip(definition.Topics)
            .All(p => p.First.Slug == p.Second.Id && p.First.Title == p.Second.Title && p.First.Prerequisites.SequenceEqual(p.Second.Prerequisites));
}
