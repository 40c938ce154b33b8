using System.Globalization;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Common;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Learning.Fsrs;
using BmoLearning.Tests.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Adaptive;

/// <summary>
/// The FSRS parameter optimisation job on stored review logs (this pass's provider): below 1,000 reviews the defaults
/// stay; above, fitted parameters are stored, fit the logs at least as well as the defaults, and answers use them.
/// The logs come from a memory model that is not FSRS: a learner who forgets faster than the defaults expect.
/// </summary>
public sealed class FsrsOptimizationJobTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-06-01T06:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>Days of the six answers of every concept's history (one quiz response each).</summary>
    private static readonly int[] AnswerDays = [0, 1, 3, 7, 15, 30];

    [Fact]
    public async Task Below_a_thousand_reviews_nothing_is_fitted_and_the_defaults_stay()
    {
        await using var host = await DeliveryHost.CreateAsync(Start);
        var learner = await host.AddLearnerAsync();
        var histories = await AddSyntheticLogsAsync(host, learner, concepts: 150); // 900 reviews

        Assert.Equal(900, histories.Sum(h => h.Count));
        Assert.Equal(0, await RunJobAsync(host));
        Assert.False(await host.WithDbAsync(db => db.FsrsParameterSets.AnyAsync()));
        await using var scope = host.Scope();
        var scheduler = await scope.ServiceProvider.GetRequiredService<FsrsParameterStore>().SchedulerForAsync(learner.Id, CancellationToken.None);
        Assert.Equal(FsrsParameters.Default, scheduler.Options.Weights);
    }

    [Fact]
    public async Task Above_a_thousand_reviews_fitted_parameters_are_stored_fit_better_and_are_used_for_answers()
    {
        await using var host = await DeliveryHost.CreateAsync(Start, seeded: true);
        var heavy = await host.AddLearnerAsync();
        var histories = await AddSyntheticLogsAsync(host, heavy, concepts: 200); // 1,200 reviews

        Assert.Equal(2, await RunJobAsync(host)); // the organisation's, and the learner's own (1,200 of their own)
        var sets = await host.WithDbAsync(db => db.FsrsParameterSets.AsNoTracking().ToListAsync());
        var organisation = Assert.Single(sets, s => s.Scope == FsrsParameterSet.OrganisationScope);
        Assert.Contains(sets, s => s.Scope == FsrsParameterSet.LearnerScope(heavy.Id) && s.LearnerId == heavy.Id);
        Assert.Equal(1200, organisation.Reviews);
        Assert.Equal(FsrsParameters.Count, organisation.Weights.Count);

        // Log loss of the stored parameters, recomputed here on the same logs, is below the defaults'.
        var fitted = FsrsOptimizer.LogLoss(organisation.Weights, histories);
        var defaults = FsrsOptimizer.LogLoss(FsrsParameters.Default, histories);
        Assert.True(fitted <= defaults, $"fitted {fitted:0.0000} vs default {defaults:0.0000}");
        Assert.True(defaults - fitted > 0.01, $"a fit that learns nothing: fitted {fitted:0.0000} vs default {defaults:0.0000}");
        Assert.Equal(fitted, organisation.FittedLogLoss, 6);

        // A learner without enough reviews of their own is scheduled with the organisation's parameters: a first
        // correct answer (Good) starts the concept at the fitted initial stability w2, not the default one.
        var newcomer = await host.AddLearnerAsync();
        var chunk = await host.WithDbAsync(db => db.KnowledgeChunks.AsNoTracking().OrderBy(c => c.Id).FirstAsync());
        var lesson = await host.AddLessonAsync(newcomer, "Minimum payments");
        await host.WithDbAsync(async db =>
        {
            var stored = await db.Lessons.SingleAsync(l => l.Id == lesson.Id);
            stored.Sources = [new LessonSource(chunk.Id, chunk.DocumentId, "Starter", chunk.HeadingPath, null, null)];
            return await db.SaveChangesAsync();
        });
        await using (var scope = host.Scope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<QuizService>().AnswerAsync(
                new QuizAnswer(newcomer.Id, lesson.Id, lesson.CorrectAnswer, 20, "web"), CancellationToken.None);
            Assert.Equal(ServiceStatus.Ok, outcome.Status);
        }

        var memory = await host.WithDbAsync(db => db.ConceptMemories.AsNoTracking().SingleAsync(m => m.LearnerId == newcomer.Id));
        Assert.Equal(Rating.Good, await host.WithDbAsync(db => db.ReviewLogs.Where(r => r.LearnerId == newcomer.Id).Select(r => r.Rating).SingleAsync()));
        Assert.True(Math.Abs(organisation.Weights[2] - FsrsParameters.Default[2]) > 0.01, "the fit left w2 at its default");
        Assert.Equal(organisation.Weights[2], memory.Stability, 6);
    }

    private static async Task<int> RunJobAsync(DeliveryHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<FsrsOptimizationJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Six answers per concept at days 0, 1, 3, 7, 15 and 30. Ground truth: power-law forgetting with a stability
    /// of half a day that doubles after each recall (a fast forgetter); an answer passes (Good) with that probability,
    /// else fails (Again). Returns the histories as the optimiser sees them.
    /// </summary>
    private static async Task<List<IReadOnlyList<ReviewEvent>>> AddSyntheticLogsAsync(DeliveryHost host, Core.Learners.Learner learner, int concepts)
    {
        var responses = new List<Guid>();
        foreach (var day in AnswerDays)
        {
            var lesson = await host.AddLessonAsync(learner, $"Topic {day}");
            var response = new QuizResponse { LearnerId = learner.Id, LessonId = lesson.Id, AnswerGiven = 1, Correct = true, TimeTakenSeconds = 20, CreatedAt = Start.AddDays(day) };
            await host.WithDbAsync(db => { db.QuizResponses.Add(response); return db.SaveChangesAsync(); });
            responses.Add(response.Id);
        }

        var random = new Random(7);
        var histories = new List<IReadOnlyList<ReviewEvent>>();
        await host.WithDbAsync(async db =>
        {
            for (var c = 0; c < concepts; c++)
            {
                var concept = new Concept { ContentHash = $"synthetic-{c}", Label = $"Synthetic {c}", CreatedAt = Start };
                db.Concepts.Add(concept);
                var history = new List<ReviewEvent>();
                var stability = 0.5;
                for (var k = 0; k < AnswerDays.Length; k++)
                {
                    var rating = Rating.Good;
                    if (k > 0)
                    {
                        var elapsed = AnswerDays[k] - AnswerDays[k - 1];
                        var recall = Math.Pow(1 + (elapsed / (9 * stability)), -1);
                        rating = random.NextDouble() < recall ? Rating.Good : Rating.Again;
                        stability = rating == Rating.Good ? stability * 2 : Math.Max(0.3, stability * 0.7);
                    }

                    var at = Start.AddDays(AnswerDays[k]);
                    history.Add(new ReviewEvent(at, rating));
                    db.ReviewLogs.Add(new ReviewLog
                    {
                        LearnerId = learner.Id, ConceptId = concept.Id, QuizResponseId = responses[k], Rating = rating, ReviewedAt = at,
                        ElapsedDays = k == 0 ? null : AnswerDays[k] - AnswerDays[k - 1],
                    });
                }

                histories.Add(history);
            }

            return await db.SaveChangesAsync();
        });
        return histories;
    }
}
