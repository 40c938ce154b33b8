using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Learning.Experiments;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Experiments;

/// <summary>An experiment as an admin defines it (API body or console form); nulls are what the caller left out.</summary>
public sealed record ExperimentDefinition(
    string? Name,
    string? Hypothesis,
    string? Factor,
    IReadOnlyList<(string? Name, int? Weight, string? Value)> Variants,
    string? Team,
    Guid? CourseId,
    string? PrimaryMetric,
    IReadOnlyList<string> Guardrails,
    double? BaselineRate,
    double? MinimumDetectableEffect);

/// <summary>The outcome of a definition: the stored experiment, or every problem by snake_case field.</summary>
public sealed record DefinitionResult(Experiment? Experiment, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Define, start, stop and ship: the rules shared by the API and the console, so both refuse the same things with
/// the same field and reason. Auditing is the caller's (the API's middleware, the console page).
/// </summary>
public sealed class ExperimentCommands(AppDbContext db, TimeProvider time)
{
    public async Task<DefinitionResult> DefineAsync(ExperimentDefinition request, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string reason) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(reason);

        Require("name", request.Name, 200, multiline: false);
        Require("hypothesis", request.Hypothesis, 2000, multiline: true);
        string[]? values = null;
        if (string.IsNullOrWhiteSpace(request.Factor))
        {
            Add("factor", "A factor is required.");
        }
        else if (!ExperimentFactors.All.TryGetValue(request.Factor, out values))
        {
            Add("factor", $"Unknown factor '{request.Factor}'; known: {string.Join(", ", ExperimentFactors.All.Keys)}.");
        }
        else if (ExperimentFactors.NotWired.Contains(request.Factor))
        {
            // Accepting it would run an experiment that changes nothing and logs no exposure: refused until it is wired.
            values = null;
            Add("factor", $"'{request.Factor}' does not change lessons yet, so an experiment on it would measure nothing; wired factors: {string.Join(", ", ExperimentFactors.All.Keys.Except(ExperimentFactors.NotWired))}.");
        }

        var variants = request.Variants.Select(v => new ExperimentVariant(v.Name?.Trim() ?? "", v.Weight ?? 0, v.Value ?? "")).ToList();
        foreach (var error in VariantAssignment.Validate(variants.Select(v => new Variant(v.Name, v.Weight)).ToList()))
        {
            Add(error.Field, error.Reason);
        }

        for (var i = 0; i < variants.Count; i++)
        {
            if (values is not null && !values.Contains(variants[i].Value))
            {
                Add($"variants[{i}].value", $"'{variants[i].Value}' is not a value of {request.Factor}; allowed: {string.Join(", ", values)}.");
            }
        }

        if (!ExperimentMetrics.All.Contains(request.PrimaryMetric ?? ""))
        {
            Add("primary_metric", $"Unknown metric '{request.PrimaryMetric}'; known: {string.Join(", ", ExperimentMetrics.All)}.");
        }

        for (var i = 0; i < request.Guardrails.Count; i++)
        {
            if (!ExperimentMetrics.All.Contains(request.Guardrails[i]))
            {
                Add($"guardrails[{i}]", $"Unknown metric '{request.Guardrails[i]}'; known: {string.Join(", ", ExperimentMetrics.All)}.");
            }
        }

        if (request.Team is { Length: > Learners.Learner.MaxTeamLength })
        {
            Add("team", $"must be at most {Learners.Learner.MaxTeamLength} characters.");
        }
        else if (request.Team?.Any(IsForbidden) == true)
        {
            Add("team", "must not contain control characters or bidirectional formatting characters.");
        }

        long planned = 0;
        if (request.BaselineRate is not { } baseline || baseline is <= 0 or >= 1)
        {
            Add("baseline_rate", "A rate strictly between 0 and 1 is required (e.g. 0.4).");
        }
        else if (request.MinimumDetectableEffect is not { } mde || mde == 0 || baseline + mde is <= 0 or >= 1)
        {
            Add("minimum_detectable_effect", "A non-zero effect in absolute points (e.g. 0.05) keeping baseline + effect between 0 and 1 is required.");
        }
        else
        {
            planned = SampleSize.PerVariant(baseline, mde);
        }

        if (request.CourseId is { } courseId && !await db.Courses.AnyAsync(c => c.Id == courseId, ct))
        {
            Add("course_id", $"Course {courseId} does not exist.");
        }

        if (errors.Count > 0)
        {
            return new DefinitionResult(null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var experiment = new Experiment
        {
            Name = request.Name!.Trim(),
            Hypothesis = request.Hypothesis!.Trim(),
            Factor = request.Factor!,
            Variants = variants,
            Team = string.IsNullOrWhiteSpace(request.Team) ? null : request.Team.Trim(),
            CourseId = request.CourseId,
            PrimaryMetric = request.PrimaryMetric!,
            Guardrails = request.Guardrails.ToList(),
            BaselineRate = request.BaselineRate!.Value,
            MinimumDetectableEffect = request.MinimumDetectableEffect!.Value,
            PlannedPerVariant = planned,
            CreatedAt = time.Now(),
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return new DefinitionResult(experiment, new Dictionary<string, string[]>());

        void Require(string field, string? value, int maxLength, bool multiline)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "is required.");
            }
            else if (value.Trim().Length > maxLength)
            {
                Add(field, $"must be at most {maxLength} characters.");
            }
            else if (value.Any(c => IsForbidden(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                Add(field, "must not contain control characters or bidirectional formatting characters.");
            }
        }
    }

    public async Task<ServiceResult<Experiment>> StartAsync(Guid id, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Status != ExperimentStatus.Draft)
        {
            return ServiceResult<Experiment>.Conflict($"Experiment {id} is {StateName(experiment.Status)}; only a draft can start.");
        }

        var clash = (await db.Experiments.AsNoTracking().Where(e => e.Factor == experiment.Factor && e.Status == ExperimentStatus.Running).ToListAsync(ct))
            .FirstOrDefault(e => Overlaps(e, experiment));
        if (clash is not null)
        {
            return ServiceResult<Experiment>.Invalid("factor",
                $"Experiment '{clash.Name}' ({clash.Id}) is already running on {experiment.Factor} for an overlapping population; a learner can be in only one.");
        }

        experiment.Status = ExperimentStatus.Running;
        experiment.StartedAt = time.Now();
        await db.SaveChangesAsync(ct);
        return ServiceResult<Experiment>.Ok(experiment);
    }

    public async Task<ServiceResult<Experiment>> StopAsync(Guid id, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Status != ExperimentStatus.Running)
        {
            return ServiceResult<Experiment>.Conflict($"Experiment {id} is {StateName(experiment.Status)}; only a running experiment can stop.");
        }

        experiment.Status = ExperimentStatus.Stopped;
        experiment.StoppedAt = time.Now();
        await db.SaveChangesAsync(ct);
        return ServiceResult<Experiment>.Ok(experiment);
    }

    /// <summary>Ends the experiment (if running) and makes the chosen variant's value the default for its factor.</summary>
    public async Task<ServiceResult<Experiment>> ShipAsync(Guid id, string? variantName, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Variants.FirstOrDefault(v => string.Equals(v.Name, variantName, StringComparison.OrdinalIgnoreCase)) is not { } variant)
        {
            return ServiceResult<Experiment>.Invalid("variant",
                $"'{variantName}' is not a variant of this experiment; variants: {string.Join(", ", experiment.Variants.Select(v => v.Name))}.");
        }

        if (experiment.Status is ExperimentStatus.Draft or ExperimentStatus.Shipped)
        {
            return ServiceResult<Experiment>.Conflict($"Experiment {id} is {StateName(experiment.Status)}; only a running or stopped experiment can ship.");
        }

        experiment.Status = ExperimentStatus.Shipped;
        experiment.ShippedVariant = variant.Name;
        experiment.StoppedAt ??= time.Now();
        await db.SaveChangesAsync(ct);
        return ServiceResult<Experiment>.Ok(experiment);
    }

    public static string StateName(ExperimentStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Populations overlap unless both name a team and the teams differ, or both name a course and the courses differ.</summary>
    private static bool Overlaps(Experiment a, Experiment b) =>
        !(a.Team is not null && b.Team is not null && !string.Equals(a.Team, b.Team, StringComparison.OrdinalIgnoreCase))
        && !(a.CourseId is not null && b.CourseId is not null && a.CourseId != b.CourseId);

    /// <summary>Control characters (PostgreSQL refuses NUL) and bidirectional overrides that disguise a name.</summary>
    private static bool IsForbidden(char c) =>
        char.IsControl(c) || c is '\u200E' or '\u200F' or '\u061C' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static ServiceResult<Experiment> Missing(Guid id) => ServiceResult<Experiment>.NotFound($"Experiment {id} does not exist.");
}
