using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Learning.Courses;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Course definitions (from files at seed time or the API), apart from enrolment: storing a course needs the
/// database alone, so `bmo seed` can load courses without the job queue that enrolment uses to start lessons.
/// </summary>
public sealed class CourseCatalog(AppDbContext db, TimeProvider time)
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

    private static bool Same(Course course, CourseDefinition definition) =>
        course.Title == definition.Title
        && course.Topics.Count == definition.Topics.Count
        && course.Topics.OrderBy(t => t.Position).Zip(definition.Topics)
            .All(p => p.First.Slug == p.Second.Id && p.First.Title == p.Second.Title && p.First.Prerequisites.SequenceEqual(p.Second.Prerequisites));
}
