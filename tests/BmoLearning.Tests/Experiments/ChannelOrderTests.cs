using System.Globalization;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Experiments;
using BmoLearning.Core.Learners;
using BmoLearning.Learning.Experiments;
using BmoLearning.Tests.Delivery;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Tests.Experiments;

/// <summary>
/// The channel_order factor in the delivery job: two email learners, one in each arm. "web_first" is sent the web link
/// first (and nothing else, since it arrived); "preferred_first" is tried on email first. Each logs one exposure.
/// </summary>
public sealed class ChannelOrderTests
{
    [Fact]
    public async Task The_web_first_arm_gets_the_web_link_first_and_the_preferred_first_arm_its_own_channel()
    {
        var noon = DateTimeOffset.Parse("2026-06-08T12:00:00Z", CultureInfo.InvariantCulture); // a Monday, outside quiet hours
        await using var host = await DeliveryHost.CreateAsync(noon);
        var experiment = new Experiment
        {
            Name = "Web first", Hypothesis = "A link opens faster than an email.", Factor = ExperimentFactors.ChannelOrder,
            Variants = [new("preferred", 50, ChannelOrder.PreferredFirst), new("web", 50, ChannelOrder.WebFirst)],
            PrimaryMetric = ExperimentMetrics.AnsweredWithin24h, BaselineRate = 0.4, MinimumDetectableEffect = 0.1, PlannedPerVariant = 388,
            Status = ExperimentStatus.Running, CreatedAt = noon, StartedAt = noon,
        };
        await host.WithDbAsync(async db =>
        {
            db.Experiments.Add(experiment);
            return await db.SaveChangesAsync();
        });

        var arms = new Dictionary<string, Learner>();
        for (var i = 0; i < 40 && arms.Count < 2; i++)
        {
            var candidate = await host.AddLearnerAsync(l => l.PreferredChannel = DeliveryChannel.Email);
            arms.TryAdd(VariantAssignment.Assign(experiment.Salt, candidate.Id.ToString("N"), experiment.Variants.Select(v => new Variant(v.Name, v.Weight)).ToList()).Name, candidate);
        }

        Assert.Equal(2, arms.Count);
        var tried = new Dictionary<string, List<DeliveryChannel>>();
        foreach (var (arm, learner) in arms)
        {
            var lesson = await host.AddLessonAsync(learner);
            await host.DeliverAsync(lesson.Id);
            tried[arm] = (await host.DeliveriesAsync(lesson.Id)).Select(d => d.Channel).ToList();
        }

        Assert.Equal([DeliveryChannel.Web], tried["web"]);
        Assert.Equal(DeliveryChannel.Email, tried["preferred"][0]);
        var exposures = await host.WithDbAsync(db => db.ExperimentExposures.AsNoTracking().Where(x => x.ExperimentId == experiment.Id).ToDictionaryAsync(x => x.LearnerId, x => x.Variant));
        Assert.Equal(new Dictionary<Guid, string> { [arms["preferred"].Id] = "preferred", [arms["web"].Id] = "web" }, exposures);
    }
}
