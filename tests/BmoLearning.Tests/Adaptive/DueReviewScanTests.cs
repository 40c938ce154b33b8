using System.Globalization;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Quiz;
using BmoLearning.Learning.Fsrs;
using BmoLearning.Tests.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Adaptive;

/// <summary>
/// The scheduler tick finds learners with due reviews through one scan of concept_memories.due
/// (<see cref="ReviewScheduler.LearnersWithDueReviewsAsync"/>), on this pass's provider, with a fake clock.
/// </summary>
public sealed class DueReviewScanTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-06-01T06:00:00Z", CultureInfo.InvariantCulture); // a Monday

    [Fact]
    public async Task The_scan_picks_learners_with_a_concept_due_now_and_not_those_due_later()
    {
        await using var host = await DeliveryHost.CreateAsync(Start);
        var overdue = await host.AddLearnerAsync();
        var dueNow = await host.AddLearnerAsync();
        var dueLater = await host.AddLearnerAsync();
        var nothing = await host.AddLearnerAsync();
        await host.WithDbAsync(async db =>
        {
            var concepts = Enumerable.Range(0, 2).Select(i => new Concept { ContentHash = $"hash-{i}", Label = $"Fact {i}", CreatedAt = Start }).ToList();
            db.Concepts.AddRange(concepts);
            db.ConceptMemories.AddRange(
                Memory(overdue.Id, concepts[0].Id, Start.AddHours(-1)),
                Memory(overdue.Id, concepts[1].Id, Start.AddDays(-3)), // two due concepts: the learner comes back once
                Memory(dueNow.Id, concepts[0].Id, Start),
                Memory(dueLater.Id, concepts[0].Id, Start.AddDays(2)),
                Memory(dueLater.Id, concepts[1].Id, Start.AddSeconds(1)));
            return await db.SaveChangesAsync();
        });

        var picked = await ScanAsync(host);
        Assert.Equal(new[] { overdue.Id, dueNow.Id }.Order(), picked.Order());

        // The clock moves on: the later concept falls due and its learner is picked too; the learner with no memory never is.
        host.Time.SetUtcNow(Start.AddSeconds(1));
        Assert.Equal(new[] { overdue.Id, dueNow.Id, dueLater.Id }.Order(), (await ScanAsync(host)).Order());
        Assert.DoesNotContain(nothing.Id, await ScanAsync(host));
    }

    [Fact]
    public async Task The_tick_queues_reviews_for_the_learner_who_got_it_wrong_and_not_for_the_one_who_got_it_right()
    {
        await using var host = await DeliveryHost.CreateAsync(Start, seeded: true);
        var wrong = await host.AddLearnerAsync();
        var right = await host.AddLearnerAsync();
        var courseId = await host.WithDbAsync(db => db.Courses.Where(c => c.Slug == "business-credit-cards").Select(c => c.Id).SingleAsync());
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<CourseService>().EnrolAsync(courseId, [wrong.Id, right.Id], CancellationToken.None);
        }

        var answered = new HashSet<Guid>();
        var firstReviewAt = (DateTimeOffset?)null;
        for (var now = Start; now < Start.AddDays(2) && firstReviewAt is null; now = now.AddHours(1))
        {
            host.Time.SetUtcNow(now);
            var due = await ScanAsync(host);
            await using (var scope = host.Scope())
            {
                await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None);
            }

            await host.DrainAsync();
            // Reviews are queued only for learners the scan picked.
            var reviewers = await host.WithDbAsync(db => db.Lessons.Where(l => l.ReviewOfLessonId != null && l.CreatedAt == now).Select(l => l.LearnerId).Distinct().ToListAsync());
            Assert.All(reviewers, r => Assert.Contains(r, due));
            if (reviewers.Contains(wrong.Id))
            {
                firstReviewAt = now;
                break;
            }

            foreach (var (lessonId, correctAnswer, learnerId) in await ArrivedAsync(host))
            {
                if (answered.Add(lessonId))
                {
                    var answer = learnerId == wrong.Id ? (correctAnswer + 1) % 4 : correctAnswer;
                    await using var scope = host.Scope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<QuizService>().AnswerAsync(new QuizAnswer(learnerId, lessonId, answer, 20, "web"), CancellationToken.None);
                    Assert.Equal(Core.Common.ServiceStatus.Ok, outcome.Status);
                }
            }
        }

        Assert.NotNull(firstReviewAt); // the wrong answer came back within a day or so
        Assert.NotEmpty(answered);
        var rightMemories = await host.WithDbAsync(db => db.ConceptMemories.Where(m => m.LearnerId == right.Id).ToListAsync());
        Assert.NotEmpty(rightMemories);
        Assert.All(rightMemories, m => Assert.True(m.Due > firstReviewAt, $"due {m.Due:u}"));
        Assert.DoesNotContain(right.Id, await ScanAsync(host));
        Assert.False(await host.WithDbAsync(db => db.Lessons.AnyAsync(l => l.LearnerId == right.Id && l.ReviewOfLessonId != null)));
    }

    private static ConceptMemory Memory(Guid learnerId, Guid conceptId, DateTimeOffset due) => new()
    {
        LearnerId = learnerId, ConceptId = conceptId, Phase = ReviewPhase.Review, Stability = 3, Difficulty = 5,
        LastReview = due.AddDays(-3), Due = due, ScheduledDays = 3, Reps = 1,
    };

    private static async Task<List<Guid>> ScanAsync(DeliveryHost host) =>
        (await host.WithDbAsync(db => ReviewScheduler.LearnersWithDueReviewsAsync(db, host.Time.GetUtcNow(), CancellationToken.None))).ToList();

    private static Task<List<(Guid LessonId, int CorrectAnswer, Guid LearnerId)>> ArrivedAsync(DeliveryHost host) =>
        host.WithDbAsync(async db => (await db.LessonDeliveries.AsNoTracking()
                .Where(d => d.Sequence == 0 && d.Status == DeliveryStatus.Sent)
                .Join(db.Lessons, d => d.LessonId, l => l.Id, (d, l) => new { l.Id, l.CorrectAnswer, l.LearnerId })
                .Distinct().ToListAsync())
            .Select(l => (l.Id, l.CorrectAnswer, l.LearnerId)).ToList());
}
