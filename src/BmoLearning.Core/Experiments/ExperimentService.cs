using BmoLearning.Core.Data;
using BmoLearning.Learning.Experiments;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Experiments;

/// <summary>The value of a factor for one learner, and which experiment (if any) decided it.</summary>
public sealed record FactorDecision(string Value, Guid? ExperimentId, string? Variant);

/// <summary>
/// Decides factor values at the moment something is sent: a running experiment whose population holds the learner
/// assigns a variant by salted hash (and logs the exposure once); otherwise the last shipped variant, else the
/// built-in default.
/// </summary>
public sealed class ExperimentService(AppDbContext db)
{
    public async Task<FactorDecision> DecideAsync(Guid learnerId, string factor, DateTimeOffset now, CancellationToken ct)
    {
        var running = await db.Experiments.Where(e => e.Factor == factor && e.Status == ExperimentStatus.Running).ToListAsync(ct);
        foreach (var experiment in running.OrderBy(e => e.StartedAt))
        {
            if (!await InPopulationAsync(experiment, learnerId, ct))
            {
                continue;
            }

            var arm = VariantAssignment.Assign(experiment.Salt, learnerId.ToString("N"), experiment.Variants.Select(v => new Variant(v.Name, v.Weight)).ToList());
            var variant = experiment.Variants.Single(v => v.Name == arm.Name);
            if (!await db.ExperimentExposures.AnyAsync(x => x.ExperimentId == experiment.Id && x.LearnerId == learnerId, ct))
            {
                // A concurrent send may log it first (unique index): the exposure is recorded either way, and only this
                // row is detached, never the caller's other tracked work.
                await db.InsertOrGetAsync(
                    new ExperimentExposure { ExperimentId = experiment.Id, LearnerId = learnerId, Variant = variant.Name, At = now },
                    x => x.ExperimentId == experiment.Id && x.LearnerId == learnerId, ct);
            }

            return new FactorDecision(variant.Value, experiment.Id, variant.Name);
        }

        return new FactorDecision(await DefaultAsync(factor, ct), null, null);
    }

    /// <summary>The value of the most recently shipped variant for the factor, else the built-in default.</summary>
    public async Task<string> DefaultAsync(string factor, CancellationToken ct)
    {
        var shipped = (await db.Experiments.AsNoTracking().Where(e => e.Factor == factor && e.Status == ExperimentStatus.Shipped).ToListAsync(ct))
            .OrderByDescending(e => e.StoppedAt).FirstOrDefault();
        return shipped?.Variants.SingleOrDefault(v => v.Name == shipped.ShippedVariant)?.Value ?? ExperimentFactors.BuiltInDefault(factor);
    }

    public async Task<bool> InPopulationAsync(Experiment experiment, Guid learnerId, CancellationToken ct)
    {
        if (experiment.Team is { } team)
        {
            var learnerTeam = await db.Learners.Where(l => l.Id == learnerId).Select(l => l.Team).SingleOrDefaultAsync(ct);
            if (!string.Equals(learnerTeam, team, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return experiment.CourseId is not { } course || await db.Enrolments.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == course, ct);
    }
}
