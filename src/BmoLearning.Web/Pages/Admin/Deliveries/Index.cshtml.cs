using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Deliveries;

public sealed record FailedDelivery(Guid Id, Guid LessonId, string Topic, string Learner, DeliveryChannel Channel, int Sequence, int Attempts, string? Error, DateTimeOffset UpdatedAt);

/// <summary>Deliveries that failed, newest first, with the provider's reason and the lesson they were for.</summary>
public sealed class IndexModel(AppDbContext db, BmoLearning.Core.Jobs.IJobQueue jobs, TimeProvider time) : ConsolePage
{
    public const int PerPage = 50;

    public IReadOnlyList<FailedDelivery> Items { get; private set; } = [];

    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var failed = db.LessonDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Failed);
        Total = await failed.CountAsync(ct);
        Items = await (from d in failed
                       join l in db.Lessons on d.LessonId equals l.Id
                       join learner in db.Learners on d.LearnerId equals learner.Id
                       orderby d.Id descending
                       select new FailedDelivery(d.Id, d.LessonId, l.Topic, learner.Name, d.Channel, d.Sequence, d.Attempts, d.Error, d.UpdatedAt))
            .Skip((PageNumber - 1) * PerPage).Take(PerPage).ToListAsync(ct);
    }

    /// <summary>Queues a failed delivery again: the delivery job tries it as it would a new one (its channel chain, quiet hours).</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var delivery = await db.LessonDeliveries.FirstOrDefaultAsync(d => d.Id == id && d.Status == DeliveryStatus.Failed, ct);
        if (delivery is null)
        {
            return NotFoundPage("No failed delivery with that id.");
        }

        delivery.Status = DeliveryStatus.Queued;
        delivery.Error = null;
        delivery.NextAttemptAt = null;
        delivery.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        jobs.EnqueueDelivery(delivery.LessonId, delivery.Sequence);
        return RedirectToPage();
    }
}
