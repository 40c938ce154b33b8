using BmoLearning.Ai.Knowledge;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Documents;

/// <summary>The knowledge base: documents with their status, and the upload form (the API's DocumentService does the work).</summary>
public sealed class IndexModel(AppDbContext db, DocumentService documents) : ConsolePage
{
    public const int PerPage = 25;

    public IReadOnlyList<KnowledgeDocument> Items { get; private set; } = [];

    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? title, string? category, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var parsed = DocumentCategory.General;
        if (file is null || file.Length == 0)
        {
            Error = "Choose a file to upload (PDF, Word, HTML, Markdown or text).";
        }
        else if (title is { Length: > 300 })
        {
            Error = "The title may be at most 300 characters.";
        }
        else if (category is not null && (int.TryParse(category, out _) || !Enum.TryParse(category, ignoreCase: true, out parsed)))
        {
            Error = "Choose a category from the list.";
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var result = await documents.UploadAsync(new DocumentUpload(buffer.ToArray(), file.FileName, parsed, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), []), ct);
        if (result.Document is null)
        {
            Error = result.Message ?? "The file could not be uploaded.";
            Response.StatusCode = result.Outcome == UploadOutcome.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage("/Admin/Documents/Details", new { id = result.Document.Id, duplicate = result.Outcome == UploadOutcome.Duplicate ? true : (bool?)null });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var query = db.KnowledgeDocuments.AsNoTracking();
        Total = await query.CountAsync(ct);
        Items = await query.OrderByDescending(d => d.Id).Skip((PageNumber - 1) * PerPage).Take(PerPage).ToListAsync(ct);
    }
}
