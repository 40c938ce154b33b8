using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
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

    public static async Task<IResult> CreateAsync(CreateExperimentRequest request, ExperimentCommands commands, CancellationToken ct)
    {
        var definition = new ExperimentDefinition(request.Name, request.Hypothesis, request.Factor,
            (request.Variants ?? []).Select(v => (v.Name, v.Weight, v.Value)).ToList(), request.Team, request.CourseId,
            request.PrimaryMetric, request.Guardrails ?? [], request.BaselineRate, request.MinimumDetectableEffect);
        var result = await commands.DefineAsync(definition, ct);
        return result.Experiment is { } experiment
            ? TypedResults.Created($"/api/v1/experiments/{experiment.Id}", experiment.ToResponse())
            : ApiProblems.Validation(result.Errors.ToDictionary(e => e.Key, e => e.Value));
    }

    public static async Task<IResult> ListAsync(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Experiments.AsNoTracking().ToListAsync(ct)).OrderByDescending(e => e.CreatedAt).Select(e => e.ToResponse()).ToList());

    public static async Task<IResult> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e ? TypedResults.Ok(e.ToResponse()) : Missing(id);

    public static async Task<IResult> StartAsync(Guid id, ExperimentCommands commands, CancellationToken ct) =>
        Respond(await commands.StartAsync(id, ct));

    public static async Task<IResult> StopAsync(Guid id, ExperimentCommands commands, CancellationToken ct) =>
        Respond(await commands.StopAsync(id, ct));

    /// <summary>Ends the experiment (if running) and makes the chosen variant's value the default for its factor.</summary>
    public static async Task<IResult> ShipAsync(Guid id, ShipRequest request, ExperimentCommands commands, CancellationToken ct) =>
        Respond(await commands.ShipAsync(id, request.Variant, ct));

    public static async Task<IResult> ResultsAsync(Guid id, AppDbContext db, ExperimentResultsService results, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return experiment is null ? Missing(id) : TypedResults.Ok((await results.ReportAsync(experiment, ct)).ToResponse());
    }

    private static IResult Respond(ServiceResult<Experiment> result) =>
        result.Status == ServiceStatus.Ok ? TypedResults.Ok(result.Value!.ToResponse()) : ApiProblems.From(result);

    private static IResult Missing(Guid id) => ApiProblems.NotFound($"Experiment {id} does not exist.");
}
