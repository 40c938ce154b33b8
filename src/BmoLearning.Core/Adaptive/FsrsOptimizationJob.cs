using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Learning.Fsrs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Recurring job: fits the 21 FSRS-6 parameters to the stored review logs by minimising log loss
/// (<see cref="FsrsOptimizer"/>), for the organisation and for each learner with enough reviews of their own, and
/// stores them for <see cref="FsrsParameterStore"/>. Below <see cref="AdaptiveOptions.OptimizerMinimumReviews"/>
/// reviews nothing is stored and the defaults stay. A fit is kept only when its log loss is no worse than the
/// defaults' on the same logs.
/// </summary>
public sealed class FsrsOptimizationJob(AppDbContext db, IOptions<AdaptiveOptions> options, TimeProvider time, ILogger<FsrsOptimizationJob> logger)
{
    public const string RecurringJobId = "fsrs-optimisation";

    /// <summary>Runs one optimisation; returns how many parameter sets were stored.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var minimum = options.Value.OptimizerMinimumReviews;
        var fitOptions = new FsrsOptimizerOptions { MinimumReviews = minimum };
        var logs = await db.ReviewLogs.AsNoTracking()
            .Select(r => new { r.LearnerId, r.ConceptId, r.ReviewedAt, r.Rating }).ToListAsync(ct);
        if (logs.Count < minimum)
        {
            return 0;
        }

        // One history per learner and concept, oldest answer first.
        var histories = logs.GroupBy(r => (r.LearnerId, r.ConceptId))
            .Select(g => (g.Key.LearnerId, History: (IReadOnlyList<ReviewEvent>)g.OrderBy(r => r.ReviewedAt).Select(r => new ReviewEvent(r.ReviewedAt, r.Rating)).ToList()))
            .ToList();
        var stored = 0;
        stored += await FitAndStoreAsync(FsrsParameterSet.OrganisationScope, null, histories.Select(h => h.History).ToList(), fitOptions, ct) ? 1 : 0;
        foreach (var learner in histories.GroupBy(h => h.LearnerId).Where(g => g.Sum(h => h.History.Count) >= minimum))
        {
            stored += await FitAndStoreAsync(FsrsParameterSet.LearnerScope(learner.Key), learner.Key, learner.Select(h => h.History).ToList(), fitOptions, ct) ? 1 : 0;
        }

        return stored;
    }

    private async Task<bool> FitAndStoreAsync(string scope, Guid? learnerId, List<IReadOnlyList<ReviewEvent>> histories, FsrsOptimizerOptions fitOptions, CancellationToken ct)
    {
        var fit = FsrsOptimizer.Fit(histories, fitOptions);
        if (fit.KeptDefaults || !(fit.FittedLogLoss <= fit.DefaultLogLoss))
        {
            logger.LogInformation("FSRS parameters for {Scope} kept at the defaults: {Reason}", learnerId is null ? scope : "a learner", fit.Reason);
            return false;
        }

        var set = await db.FsrsParameterSets.SingleOrDefaultAsync(p => p.Scope == scope, ct);
        if (set is null)
        {
            set = new FsrsParameterSet { Scope = scope, LearnerId = learnerId };
            db.FsrsParameterSets.Add(set);
        }

        set.Weights = fit.Weights.ToList();
        set.Reviews = fit.Reviews;
        set.DefaultLogLoss = fit.DefaultLogLoss;
        set.FittedLogLoss = fit.FittedLogLoss;
        set.FittedAt = time.Now();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("FSRS parameters for {Scope} fitted on {Reviews} reviews: log loss {Default:0.0000} -> {Fitted:0.0000}",
            learnerId is null ? scope : "a learner", fit.Reviews, fit.DefaultLogLoss, fit.FittedLogLoss);
        return true;
    }
}
