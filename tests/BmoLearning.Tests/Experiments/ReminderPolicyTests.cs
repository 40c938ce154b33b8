using System.Globalization;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Experiments;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Learning.Experiments;
using BmoLearning.Tests.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Experiments;

/// <summary>
/// The reminder_policy factor in the scheduler, over three working days of fake time: two learners who never answer,
/// one in each arm; "standard" gets reminders, "none" gets none and their path moves on to new lessons.
/// </summary>
public sealed class ReminderPolicyTests
{
    [Fact]
    public async Task A_silent_learner_in_the_none_arm_gets_no_reminders_and_moves_on_while_the_standard_arm_is_reminded()
    {
        var start = DateTimeOffset.Parse("2026-06-08T00:00:00Z", CultureInfo.InvariantCulture); // a Monday
        await using var host = await DeliveryHost.CreateAsync(start, seeded: true);
        var experiment = new Experiment
        {
            Name = "No reminders", Hypothesis = "Reminders annoy more than they help.", Factor = ExperimentFactors.ReminderPolicy,
            Variants = [new("standard", 50, ReminderPolicy.Standard), new("none", 50, ReminderPolicy.None)],
            PrimaryMetric = ExperimentMetrics.AnsweredWithin24h, BaselineRate = 0.4, MinimumDetectableEffect = 0.1, PlannedPerVariant = 388,
            Status = ExperimentStatus.Running, CreatedAt = start, StartedAt = start,
        };
        await host.WithDbAsync(async db =>
        {
            db.Experiments.Add(experiment);
            return await db.SaveChangesAsync();
        });

        // One learner per arm, found by the same salted hash the product assigns with.
        var arms = new Dictionary<string, Learner>();
        for (var i = 0; i < 40 && arms.Count < 2; i++)
        {
            var candidate = await host.AddLearnerAsync(l => l.PreferredDeliveryHour = 9);
            var arm = VariantAssignment.Assign(experiment.Salt, candidate.Id.ToString("N"), experiment.Variants.Select(v => new Variant(v.Name, v.Weight)).ToList()).Name;
            if (arms.TryAdd(arm, candidate))
            {
                await using var scope = host.Scope();
                var created = await scope.ServiceProvider.GetRequiredService<LessonRequestService>().CreatePathAsync(candidate.Id, "Grace periods", totalLessons: null, CancellationToken.None);
                Assert.Equal(Core.Common.ServiceStatus.Ok, created.Status);
            }
        }

        Assert.Equal(2, arms.Count);
        for (var now = start; now < start.AddDays(3); now = now.AddMinutes(30))
        {
            host.Time.SetUtcNow(now);
            await using (var scope = host.Scope())
            {
                await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None);
            }

            await host.DrainAsync();
        }

        var sent = await host.WithDbAsync(db => db.LessonDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Sent).ToListAsync());
        var reviews = await host.WithDbAsync(db => db.Lessons.AsNoTracking().Where(l => l.ReviewOfLessonId != null).Select(l => l.Id).ToListAsync());
        int Reminders(Learner l) => sent.Count(d => d.LearnerId == l.Id && d.Sequence > 0);
        int Lessons(Learner l) => sent.Count(d => d.LearnerId == l.Id && d.Sequence == 0 && !reviews.Contains(d.LessonId));

        Assert.True(Reminders(arms["standard"]) >= 1, "the standard arm's silent learner is reminded");
        Assert.Equal(1, Lessons(arms["standard"]));
        Assert.Equal(0, Reminders(arms["none"]));
        Assert.True(Lessons(arms["none"]) >= 2, "without reminders the silent learner's path moves on to new lessons");
        var exposures = await host.WithDbAsync(db => db.ExperimentExposures.AsNoTracking().Where(x => x.ExperimentId == experiment.Id).ToDictionaryAsync(x => x.LearnerId, x => x.Variant));
        Assert.Equal(new Dictionary<Guid, string> { [arms["standard"].Id] = "standard", [arms["none"].Id] = "none" }, exposures);
    }
}
