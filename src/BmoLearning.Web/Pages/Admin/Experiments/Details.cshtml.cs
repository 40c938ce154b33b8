using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using BmoLearning.Core.Governance.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Experiments;

/// <summary>
/// One experiment: its definition, results computed by the same service as GET /api/v1/experiments/{id}/results
/// (nothing cached, so the numbers agree), and start, stop and ship, each recorded in the audit chain.
/// </summary>
public sealed class DetailsModel(AppDbContext db, ExperimentResultsService results, ExperimentCommands commands, AuditLog audit) : ConsolePage
{
    public Experiment Experiment { get; private set; } = null!;

    public ExperimentReport Report { get; private set; } = null!;

    /// <summary>Why the last act was refused (a 409 or 422 from the shared rules).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "StartExperiment", null, () => commands.StartAsync(id, ct), ct);

    public Task<IActionResult> OnPostStopAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "StopExperiment", null, () => commands.StopAsync(id, ct), ct);

    public Task<IActionResult> OnPostShipAsync(Guid id, string? variant, CancellationToken ct) =>
        ActAsync(id, "ShipExperiment", variant, () => commands.ShipAsync(id, variant, ct), ct);

    private async Task<IActionResult> ActAsync(Guid id, string action, string? variant, Func<Task<ServiceResult<Experiment>>> act, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await act();
        switch (result.Status)
        {
            case ServiceStatus.Ok:
                await ConsoleAudit.AppendAsync(audit, User, action, id, new { via = "console", variant }, ct);
                return Redirect($"/admin/experiments/{id}");
            case ServiceStatus.NotFound:
                return NotFoundPage(result.Message!);
            default:
                Refusal = result.Message;
                Response.StatusCode = result.Status == ServiceStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return await ShowAsync(id, ct);
        }
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        if (await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is not { } experiment)
        {
            return NotFoundPage("No experiment with that id.");
        }

        Experiment = experiment;
        Report = await results.ReportAsync(experiment, ct);
        return Page();
    }
}
