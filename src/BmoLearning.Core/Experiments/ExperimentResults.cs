using BmoLearning.Core.Data;
using BmoLearning.Learning.Experiments;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Experiments;

/// <summary>One metric's figures per variant (first = control) and each treatment's comparison with control.</summary>
public sealed record MetricResult(string Metric, IReadOnlyList<Proportion> Counts, IReadOnlyList<Comparison?> VersusControl);

/// <summary>Everything the API and console show: exposures, SRM, state and every metric.</summary>
public sealed record ExperimentReport(
    Experiment Experiment,
    IReadOnlyList<long> Exposed,
    ExperimentResult Primary,
    IReadOnlyList<MetricResult> Metrics)
{
    /// <summary>The primary metric's state as the API and the console name it.</summary>
    public string StateName => Primary.State switch
    {
        ResultState.NotYetAtPlannedSample => "not_yet_at_planned_sample",
        ResultState.SampleRatioMismatch => "sample_ratio_mismatch",
        ResultState.Significant => "significant",
        _ => "not_significant",
    };
}

/// <summary>Computes results from exposures, deliveries and answers; nothing is cached, so API and console agree.</summary>
public sealed class ExperimentResultsService(AppDbContext db)
{
    public async Task<ExperimentReport> ReportAsync(Experiment experiment, CancellationToken ct)
    {
        var exposures = await db.ExperimentExposures.AsNoTracking().Where(x => x.ExperimentId == experiment.Id).ToListAsync(ct);
        var learnerIds = exposures.Select(x => x.LearnerId).ToList();
        var firstLessons = await db.LessonDeliveries.AsNoTracking()
            .Where(d => learnerIds.Contains(d.LearnerId) && d.Sequence == 0 && d.SentAt != null)
            .Select(d => new { d.LearnerId, d.LessonId, SentAt = d.SentAt!.Value }).ToListAsync(ct);
        var responses = await db.QuizResponses.AsNoTracking().Where(r => learnerIds.Contains(r.LearnerId))
            .Select(r => new { r.LearnerId, r.LessonId, r.Correct, r.CreatedAt }).ToListAsync(ct);
        var optedOut = (await db.Learners.AsNoTracking().Where(l => learnerIds.Contains(l.Id) && l.SmsOptedOut).Select(l => l.Id).ToListAsync(ct)).ToHashSet();

        var metrics = new Dictionary<string, List<Proportion>>();
        foreach (var metric in ExperimentMetrics.All)
        {
            metrics[metric] = [];
        }

        var exposed = new List<long>();
        foreach (var variant in experiment.Variants)
        {
            var group = exposures.Where(x => x.Variant == variant.Name).ToList();
            exposed.Add(group.Count);
            long reached = 0, answered = 0, answers = 0, correct = 0;
            foreach (var exposure in group)
            {
                // SentAt and CreatedAt compared in memory: SQLite cannot order DateTimeOffset in SQL.
                var first = firstLessons.Where(d => d.LearnerId == exposure.LearnerId && d.SentAt >= exposure.At).OrderBy(d => d.SentAt).FirstOrDefault();
                if (first is not null)
                {
                    reached++;
                    answered += responses.Any(r => r.LearnerId == exposure.LearnerId && r.LessonId == first.LessonId && r.CreatedAt - first.SentAt <= TimeSpan.FromHours(24)) ? 1 : 0;
                }

                var after = responses.Where(r => r.LearnerId == exposure.LearnerId && r.CreatedAt >= exposure.At).ToList();
                answers += after.Count;
                correct += after.Count(r => r.Correct);
            }

            metrics[ExperimentMetrics.AnsweredWithin24h].Add(new Proportion(answered, reached));
            metrics[ExperimentMetrics.Accuracy].Add(new Proportion(correct, answers));
            metrics[ExperimentMetrics.OptOut].Add(new Proportion(group.Count(x => optedOut.Contains(x.LearnerId)), group.Count));
        }

        var variants = experiment.Variants.Select(v => new Variant(v.Name, v.Weight)).ToList();
        var primary = ExperimentAnalysis.Analyze(variants, metrics[experiment.PrimaryMetric], experiment.PlannedPerVariant);
        // SRM is about assignment, so it is checked on exposures (learners), not on the metric's trials.
        var srm = SampleRatioCheck.Check(exposed, experiment.Variants.Select(v => v.Weight).ToList());
        if (srm.Mismatch && primary.State != ResultState.SampleRatioMismatch)
        {
            primary = primary with
            {
                State = ResultState.SampleRatioMismatch,
                SampleRatio = srm,
                Explanation = $"Sample ratio mismatch in exposures (chi-square {srm.ChiSquare:F1}, p = {srm.PValue:G2}): assignment or exposure logging is broken, so no verdict.",
            };
        }
        else
        {
            primary = primary with { SampleRatio = srm };
        }

        var results = ExperimentMetrics.All.Select(m => new MetricResult(m, metrics[m], metrics[m].Select((p, i) =>
            i == 0 || p.Trials == 0 || metrics[m][0].Trials == 0 ? null : ProportionTest.Compare(metrics[m][0], p)).ToList())).ToList();
        return new ExperimentReport(experiment, exposed, primary, results);
    }
}
