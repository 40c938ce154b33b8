using System.Globalization;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Governance.Keys;
using Microsoft.AspNetCore.Mvc;

namespace BmoLearning.Web.Pages.Admin.Keys;

/// <summary>
/// API keys (issue 14, admins): list, create, rotate and revoke through the same service as /api/v1/keys. A new secret
/// is shown on the page that made it, once; it is never stored or shown again. Acts are audited under the API's names.
/// </summary>
public sealed class IndexModel(ApiKeyService keys, AuditLog audit, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    /// <summary>The secret just issued (create or rotate), shown this once.</summary>
    public IssuedApiKey? Issued { get; private set; }

    public string? Notice { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Scope { get; set; }

    /// <summary>Optional last day (UTC) the key works; it expires at the end of that day.</summary>
    [BindProperty]
    public string? ExpiresOn { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done;
        Keys = await keys.ListAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn))
        {
            if (DateOnly.TryParseExact(ExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                expires = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
            else
            {
                Errors["expires_at"] = "must be a date (yyyy-MM-dd).";
                return await RefusedAsync(ServiceStatus.Invalid, ct);
            }
        }

        var result = await keys.CreateAsync(Name, Scope, expires, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            foreach (var (field, messages) in result.Errors)
            {
                Errors[field] = string.Join(" ", messages);
            }

            return await RefusedAsync(result.Status, ct, result.Message);
        }

        await AuditAsync("CreateApiKey", result.Value!.Key, new { scope = result.Value.Key.Scope });
        return await ShowIssuedAsync(result.Value, $"Key “{result.Value.Key.Name}” created.", ct);
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await keys.RotateAsync(id, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return await RefusedAsync(result.Status, ct, result.Message);
        }

        await AuditAsync("RotateApiKey", result.Value!.Key, new { rotated_from = id });
        return await ShowIssuedAsync(result.Value, $"Key “{result.Value.Key.Name}” rotated: the old secret no longer works.", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await keys.RevokeAsync(id, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return await RefusedAsync(result.Status, ct, result.Message);
        }

        await AuditAsync("RevokeApiKey", result.Value!, new { });
        return RedirectToPage(new { done = $"Key “{result.Value!.Name}” revoked." });
    }

    /// <summary>The secret goes into this response only (no redirect, so it is never in a URL or a later page).</summary>
    private async Task<IActionResult> ShowIssuedAsync(IssuedApiKey issued, string notice, CancellationToken ct)
    {
        Issued = issued;
        Notice = notice;
        Name = null;
        Scope = null;
        ExpiresOn = null;
        Keys = await keys.ListAsync(ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(ServiceStatus status, CancellationToken ct, string? message = null)
    {
        if (status == ServiceStatus.NotFound)
        {
            return NotFoundPage(message ?? "No such key.");
        }

        if (Errors.Count == 0 && message is not null)
        {
            Errors["key"] = message;
        }

        Keys = await keys.ListAsync(ct);
        var page = Page();
        Response.StatusCode = status == ServiceStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private Task AuditAsync(string action, ApiKey key, object data) =>
        audit.AppendAfterActAsync($"console:{User.Identity?.Name}", action, "api_key", key.Id.ToString(), data);
}
