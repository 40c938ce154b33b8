using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Lessons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Lessons;

/// <summary>One lesson: its text, question, sources with their pages, safety flags, generator and cost, and its deliveries.</summary>
public sealed class DetailsModel(AppDbContext db) : ConsolePage
{
    public Lesson Lesson { get; private set; } = null!;

    public IReadOnlyList<LessonDelivery> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lesson is null)
        {
            return NotFoundPage($"Lesson {id} does not exist.");
        }

        Lesson = lesson;
        Deliveries = await db.LessonDeliveries.AsNoTracking().Where(d => d.LessonId == id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        return Page();
    }
}
