using BmoLearning.Ai.Knowledge;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Documents;

/// <summary>One document: status (refreshing while it is processed), chunks with their pages, the lessons that cite it, reprocess and delete.</summary>
public sealed class DetailsModel(AppDbContext db, DocumentService documents) : ConsolePage
{
    public const int ChunkPreview = 50;

    public KnowledgeDocument Document { get; private set; } = null!;

    public IReadOnlyList<KnowledgeChunk> Chunks { get; private set; } = [];

    public int CitingLessons { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Duplicate { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Confirm { get; set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return NotFoundPage($"Document {id} does not exist (it may have been deleted).");
        }

        Document = document;
        Chunks = await db.KnowledgeChunks.AsNoTracking().Where(c => c.DocumentId == id).OrderBy(c => c.Position).Take(ChunkPreview).ToListAsync(ct);
        // Sources are stored as JSON on the lesson; the document id appears in it when the lesson cites the document.
        var lessons = await db.Lessons.AsNoTracking().Select(l => l.Sources).ToListAsync(ct);
        CitingLessons = lessons.Count(s => s.Any(x => x.DocumentId == id));
        if (document.Status is DocumentStatus.Queued or DocumentStatus.Processing)
        {
            ViewData["Refresh"] = 2;
        }

        if (Duplicate)
        {
            Notice = "This file was uploaded before: this is the existing document.";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReprocessAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await documents.ReprocessAsync(id, ct);
        return result.Status == ServiceStatus.NotFound
            ? NotFoundPage($"Document {id} does not exist (it may have been deleted).")
            : RedirectToPage("/Admin/Documents/Details", new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        return await documents.DeleteAsync(id, ct)
            ? RedirectToPage("/Admin/Documents/Index")
            : NotFoundPage($"Document {id} does not exist (it may have been deleted).");
    }
}
