using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using BmoLearning.Core.Governance.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Experiments;

/// <summary>The define form: two arms (control first), the rules are the API's (<see cref="ExperimentCommands"/>).</summary>
public sealed class DefineForm
{
    public string? Name { get; set; }
    public string? Hypothesis { get; set; }
    public string? Factor { get; set; } = ExperimentFactors.LessonLength;
    public string? ControlName { get; set; } = "control";
    public int? ControlWeight { get; set; } = 50;
    public string? ControlValue { get; set; }
    public string? TreatmentName { get; set; } = "treatment";
    public int? TreatmentWeight { get; set; } = 50;
    public string? TreatmentValue { get; set; }
    public string? Team { get; set; }
    public string? PrimaryMetric { get; set; } = ExperimentMetrics.AnsweredWithin24h;
    public List<string> Guardrails { get; set; } = [];
    public double? BaselineRate { get; set; }
    public double? MinimumDetectableEffect { get; set; }
}

/// <summary>Experiments, newest first, and the form that defines one (admins only, like every change here).</summary>
public sealed class IndexModel(AppDbContext db, ExperimentCommands commands, AuditLog audit) : ConsolePage
{
    public IReadOnlyList<Experiment> Items { get; private set; } = [];

    [BindProperty]
    public DefineForm Form { get; set; } = new();

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDefineAsync(CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var f = Form;
        var result = await commands.DefineAsync(new ExperimentDefinition(f.Name, f.Hypothesis, f.Factor,
            [(f.ControlName, f.ControlWeight, f.ControlValue), (f.TreatmentName, f.TreatmentWeight, f.TreatmentValue)],
            f.Team, null, f.PrimaryMetric, f.Guardrails, f.BaselineRate, f.MinimumDetectableEffect), ct);
        if (result.Experiment is not { } experiment)
        {
            Errors = result.Errors;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await ConsoleAudit.AppendAsync(audit, User, "CreateExperiment", experiment.Id, new { via = "console" }, ct);
        return Redirect($"/admin/experiments/{experiment.Id}");
    }

    /// <summary>The form's input for an API field name, so each error sits next to what the admin typed.</summary>
    public static string InputFor(string field) => field switch
    {
        "variants[0].name" => "control-name",
        "variants[0].weight" or "variants" => "control-weight",
        "variants[0].value" => "control-value",
        "variants[1].name" => "treatment-name",
        "variants[1].weight" => "treatment-weight",
        "variants[1].value" => "treatment-value",
        "primary_metric" => "primary-metric",
        "baseline_rate" => "baseline-rate",
        "minimum_detectable_effect" => "mde",
        _ when field.StartsWith("guardrails", StringComparison.Ordinal) => "guardrails",
        _ => field,
    };

    private async Task LoadAsync(CancellationToken ct) =>
        Items = (await db.Experiments.AsNoTracking().ToListAsync(ct)).OrderByDescending(e => e.CreatedAt).ToList();
}
