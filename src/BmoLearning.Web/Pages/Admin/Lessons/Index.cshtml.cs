using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Lessons;

/// <summary>Lessons, newest first, searchable by topic: generator, cost and safety flags at a glance.</summary>
public sealed class IndexModel(AppDbContext db) : ConsolePage
{
    public const int PerPage = 25;

    public IReadOnlyList<Lesson> Items { get; private set; } = [];

    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var query = db.Lessons.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLowerInvariant();
            query = query.Where(l => l.Topic.ToLower().Contains(term));
        }

        Total = await query.CountAsync(ct);
        Items = await query.OrderByDescending(l => l.Id).Skip((PageNumber - 1) * PerPage).Take(PerPage).ToListAsync(ct);
    }
}
