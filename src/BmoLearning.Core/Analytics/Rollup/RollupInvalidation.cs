using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BmoLearning.Core.Analytics.Rollup;

/// <summary>
/// Adds an <see cref="AnalyticsInvalidation"/> to every save that changes a closed day's analytics (a late answer, a
/// delivery's outcome, a learner's new team), in the same transaction as the change, so no built day can miss it.
/// Today's rows are never built (always read raw), so the common write (today's answer) adds nothing.
/// </summary>
public sealed class RollupInvalidation(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>A write this close to midnight also invalidates the day that is ending, so a save spanning midnight is safe.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await InvalidateAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            InvalidateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    private async Task InvalidateAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        var now = time.GetUtcNow();
        var open = Day(now + Margin);
        var days = new HashSet<DateOnly>();
        var everyDay = false;
        var lessonIds = new HashSet<Guid>();
        var addedLessons = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case QuizResponse response:
                    AddDays(days, entry, nameof(QuizResponse.CreatedAt));
                    lessonIds.Add(response.LessonId); // the funnel counts an answer on its lesson's delivery day
                    break;
                case LessonDelivery:
                    AddDays(days, entry, nameof(LessonDelivery.CreatedAt));
                    break;
                case Lesson when entry.State == EntityState.Deleted:
                    everyDay = true; // its answers and deliveries go with it
                    break;
                case Lesson lesson:
                    AddDays(days, entry, nameof(Lesson.CreatedAt));
                    AddDays(days, entry, nameof(Lesson.DeliveredAt));
                    if (entry.State == EntityState.Added)
                    {
                        addedLessons.Add(lesson.Id);
                    }
                    else if (Day((DateTimeOffset)entry.Property(nameof(Lesson.CreatedAt)).OriginalValue!) < open)
                    {
                        // A changed topic, path or cost moves its answers' and deliveries' counts. A lesson created
                        // on an open day has none on a closed day, so the common save (today's lesson sent or
                        // answered) costs no query.
                        lessonIds.Add(lesson.Id);
                    }

                    break;
                case Learner when entry.State == EntityState.Deleted || (entry.State == EntityState.Modified && Changed(entry, nameof(Learner.Team))):
                case LearningPath when entry.State == EntityState.Deleted || (entry.State == EntityState.Modified && Changed(entry, nameof(LearningPath.TopicKey))):
                    everyDay = true;
                    break;
            }
        }

        lessonIds.ExceptWith(addedLessons);
        if (!everyDay && lessonIds.Count > 0)
        {
            var ids = lessonIds.ToList();
            var related = await db.LessonDeliveries.AsNoTracking().Where(d => ids.Contains(d.LessonId)).Select(d => d.CreatedAt)
                .Concat(db.QuizResponses.AsNoTracking().Where(r => ids.Contains(r.LessonId)).Select(r => r.CreatedAt)).ToListAsync(ct);
            days.UnionWith(related.Select(Day));
        }

        if (everyDay)
        {
            db.AnalyticsInvalidations.Add(new AnalyticsInvalidation { Day = null, CreatedAt = now });
            return;
        }

        foreach (var day in days.Where(d => d < open))
        {
            db.AnalyticsInvalidations.Add(new AnalyticsInvalidation { Day = day, CreatedAt = now });
        }
    }

    private static bool Changed(EntityEntry entry, string property) =>
        !Equals(entry.Property(property).OriginalValue, entry.Property(property).CurrentValue);

    /// <summary>The day of the property's current value, and of its original value when it changed.</summary>
    private static void AddDays(HashSet<DateOnly> days, EntityEntry entry, string property)
    {
        var value = entry.Property(property);
        foreach (var v in entry.State == EntityState.Modified ? new[] { value.CurrentValue, value.OriginalValue } : [value.CurrentValue])
        {
            if (v is DateTimeOffset at)
            {
                days.Add(Day(at));
            }
        }
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
