using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using BmoLearning.Learning.Experiments;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Experiments;

/// <summary>
/// Define, start, stop and ship experiments, and read their results. Every change is recorded in the audit chain
/// by the administrative-acts middleware (endpoint name, key id, experiment id).
/// </summary>
public static class ExperimentEndpoints
{
    public static RouteGroupBuilder MapExperiments(this RouteGroupBuilder api)
    {
        // Admin only: experiments change what every learner in the population receives.
        var group = api.MapGroup("/experiments").WithTags("Experiments").RequireAuthorization(AuthSetup.AdminPolicy);
        group.MapPost("/", CreateAsync).WithName("CreateExperiment");
        group.MapGet("/", ListAsync).WithName("ListExperiments");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetExperiment");
        group.MapPost("/{id:guid}/start", StartAsync).WithName("StartExperiment");
        group.MapPost("/{id:guid}/stop", StopAsync).WithName("StopExperiment");
        group.MapPost("/{id:guid}/ship", ShipAsync).WithName("ShipExperiment");
        group.MapGet("/{id:guid}/results", ResultsAsync).WithName("GetExperimentResults");
        return api;
    }

    public static async Task<IResult> CreateAsync(CreateExperimentRequest request, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("name", request.Name, 200).Require("hypothesis", request.Hypothesis, 2000);
        string[]? values = null;
        if (string.IsNullOrWhiteSpace(request.Factor))
        {
            errors.Add("factor", "A factor is required.");
        }
        else if (!ExperimentFactors.All.TryGetValue(request.Factor, out values))
        {
            errors.Add("factor", $"Unknown factor '{request.Factor}'; known: {string.Join(", ", ExperimentFactors.All.Keys)}.");
        }

        var variants = (request.Variants ?? []).Select(v => new ExperimentVariant(v.Name?.Trim() ?? "", v.Weight ?? 0, v.Value ?? "")).ToList();
        foreach (var error in VariantAssignment.Validate(variants.Select(v => new Variant(v.Name, v.Weight)).ToList()))
        {
            errors.Add(error.Field, error.Reason);
        }

        for (var i = 0; i < variants.Count; i++)
        {
            if (values is not null && !values.Contains(variants[i].Value))
            {
                errors.Add($"variants[{i}].value", $"'{variants[i].Value}' is not a value of {request.Factor}; allowed: {string.Join(", ", values)}.");
            }
        }

        if (!ExperimentMetrics.All.Contains(request.PrimaryMetric ?? ""))
        {
            errors.Add("primary_metric", $"Unknown metric '{request.PrimaryMetric}'; known: {string.Join(", ", ExperimentMetrics.All)}.");
        }

        foreach (var (guardrail, i) in (request.Guardrails ?? []).Select((g, i) => (g, i)))
        {
            if (!ExperimentMetrics.All.Contains(guardrail))
            {
                errors.Add($"guardrails[{i}]", $"Unknown metric '{guardrail}'; known: {string.Join(", ", ExperimentMetrics.All)}.");
            }
        }

        if (request.Team is { Length: > Core.Learners.Learner.MaxTeamLength })
        {
            errors.Add("team", $"At most {Core.Learners.Learner.MaxTeamLength} characters.");
        }

        long planned = 0;
        if (request.BaselineRate is not { } baseline || baseline is <= 0 or >= 1)
        {
            errors.Add("baseline_rate", "A rate strictly between 0 and 1 is required (e.g. 0.4).");
        }
        else if (request.MinimumDetectableEffect is not { } mde || mde == 0 || baseline + mde is <= 0 or >= 1)
        {
            errors.Add("minimum_detectable_effect", "A non-zero effect in absolute points (e.g. 0.05) keeping baseline + effect between 0 and 1 is required.");
        }
        else
        {
            planned = SampleSize.PerVariant(baseline, mde);
        }

        if (request.CourseId is { } courseId && !await db.Courses.AnyAsync(c => c.Id == courseId, ct))
        {
            errors.Add("course_id", $"Course {courseId} does not exist.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
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
            Guardrails = request.Guardrails ?? [],
            BaselineRate = request.BaselineRate!.Value,
            MinimumDetectableEffect = request.MinimumDetectableEffect!.Value,
            PlannedPerVariant = planned,
            CreatedAt = time.Now(),
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/experiments/{experiment.Id}", experiment.ToResponse());
    }

    public static async Task<IResult> ListAsync(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Experiments.AsNoTracking().ToListAsync(ct)).OrderByDescending(e => e.CreatedAt).Select(e => e.ToResponse()).ToList());

    public static async Task<IResult> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e ? TypedResults.Ok(e.ToResponse()) : Missing(id);

    public static async Task<IResult> StartAsync(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Status != ExperimentStatus.Draft)
        {
            return ApiProblems.Conflict($"Experiment {id} is {ExperimentMapping.StateName(experiment.Status)}; only a draft can start.");
        }

        var clash = (await db.Experiments.AsNoTracking().Where(e => e.Factor == experiment.Factor && e.Status == ExperimentStatus.Running).ToListAsync(ct))
            .FirstOrDefault(e => Overlaps(e, experiment));
        if (clash is not null)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["factor"] = [$"Experiment '{clash.Name}' ({clash.Id}) is already running on {experiment.Factor} for an overlapping population; a learner can be in only one."],
            });
        }

        experiment.Status = ExperimentStatus.Running;
        experiment.StartedAt = time.Now();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(experiment.ToResponse());
    }

    public static async Task<IResult> StopAsync(Guid id, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Status != ExperimentStatus.Running)
        {
            return ApiProblems.Conflict($"Experiment {id} is {ExperimentMapping.StateName(experiment.Status)}; only a running experiment can stop.");
        }

        experiment.Status = ExperimentStatus.Stopped;
        experiment.StoppedAt = time.Now();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(experiment.ToResponse());
    }

    /// <summary>Ends the experiment (if running) and makes the chosen variant's value the default for its factor.</summary>
    public static async Task<IResult> ShipAsync(Guid id, ShipRequest request, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null)
        {
            return Missing(id);
        }

        if (experiment.Variants.FirstOrDefault(v => string.Equals(v.Name, request.Variant, StringComparison.OrdinalIgnoreCase)) is not { } variant)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["variant"] = [$"'{request.Variant}' is not a variant of this experiment; variants: {string.Join(", ", experiment.Variants.Select(v => v.Name))}."],
            });
        }

        if (experiment.Status is ExperimentStatus.Draft or ExperimentStatus.Shipped)
        {
            return ApiProblems.Conflict($"Experiment {id} is {ExperimentMapping.StateName(experiment.Status)}; only a running or stopped experiment can ship.");
        }

        experiment.Status = ExperimentStatus.Shipped;
        experiment.ShippedVariant = variant.Name;
        experiment.StoppedAt ??= time.Now();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(experiment.ToResponse());
    }

    public static async Task<IResult> ResultsAsync(Guid id, AppDbContext db, ExperimentResultsService results, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return experiment is null ? Missing(id) : TypedResults.Ok((await results.ReportAsync(experiment, ct)).ToResponse());
    }

    /// <summary>Populations overlap unless both name a team and the teams differ, or both name a course and the courses differ.</summary>
    private static bool Overlaps(Experiment a, Experiment b) =>
        !(a.Team is not null && b.Team is not null && !string.Equals(a.Team, b.Team, StringComparison.OrdinalIgnoreCase))
        && !(a.CourseId is not null && b.CourseId is not null && a.CourseId != b.CourseId);

    private static IResult Missing(Guid id) => ApiProblems.NotFound($"Experiment {id} does not exist.");
}
