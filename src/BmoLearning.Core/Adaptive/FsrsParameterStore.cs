using BmoLearning.Core.Data;
using BmoLearning.Learning.Fsrs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// The FSRS scheduler for a learner: their own fitted parameters if the optimisation job stored some, else the
/// organisation's, else the FSRS-6 defaults. Read once per learner per scope (a request or a job run).
/// </summary>
public sealed class FsrsParameterStore(AppDbContext db, IOptions<AdaptiveOptions> options)
{
    private readonly Dictionary<Guid, FsrsScheduler> _byLearner = [];

    public async Task<FsrsScheduler> SchedulerForAsync(Guid learnerId, CancellationToken ct)
    {
        if (_byLearner.TryGetValue(learnerId, out var cached))
        {
            return cached;
        }

        var learnerScope = FsrsParameterSet.LearnerScope(learnerId);
        var sets = await db.FsrsParameterSets.AsNoTracking()
            .Where(p => p.Scope == learnerScope || p.Scope == FsrsParameterSet.OrganisationScope)
            .Select(p => new { p.Scope, p.Weights }).ToListAsync(ct);
        var weights = (sets.FirstOrDefault(p => p.Scope == learnerScope) ?? sets.FirstOrDefault())?.Weights;
        var scheduler = weights is { Count: FsrsParameters.Count } ? options.Value.CreateScheduler(weights) : options.Value.CreateScheduler();
        _byLearner[learnerId] = scheduler;
        return scheduler;
    }
}
