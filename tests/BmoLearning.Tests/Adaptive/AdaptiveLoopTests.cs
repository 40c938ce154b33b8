using System.Globalization;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Progress;
using BmoLearning.Core.Quiz;
using BmoLearning.Learning.Fsrs;
using BmoLearning.Tests.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Adaptive;

/// <summary>
/// Issue 12 end to end on the worker's services with a fake clock (SQLite, or PostgreSQL in the PostgreSQL pass):
/// an enrolled learner gets lessons; a wrong answer makes its concepts due within a day; they come back as review
/// variants and correct answers push them out; once mastery is above 0.8 the next topic starts.
/// </summary>
public sealed class AdaptiveLoopTests
{
    [Fact]
    public async Task An_enrolled_learner_is_taught_reviewed_and_moved_on_by_mastery()
    {
        var start = DateTimeOffset.Parse("2026-06-01T06:00:00Z", CultureInfo.InvariantCulture); // a Monday
        await using var host = await DeliveryHost.CreateAsync(start, seeded: true);
        var learner = await host.AddLearnerAsync();
        var course = await host.WithDbAsync(db => db.Courses.Include(c => c.Topics).SingleAsync(c => c.Slug == "business-credit-cards"));
        var topics = course.Topics.OrderBy(t => t.Position).ToList();
        await using (var scope = host.Scope())
        {
            var enrolled = await scope.ServiceProvider.GetRequiredService<CourseService>().EnrolAsync(course.Id, [learner.Id], CancellationToken.None);
            Assert.Equal("enrolled", Assert.Single(enrolled.Value!).Outcome);
        }

        var before = await NextAsync(host, learner.Id);
        Assert.Equal(topics[0].Slug, before.CurrentTopic!.Id);
        Assert.NotEqual("advance", before.Action); // nothing answered: nothing mastered

        Guid? wrongLesson = null;
        DateTimeOffset wrongAt = default;
        var reviewsSeen = new List<(Guid Review, Guid Original)>();
        NextLesson? advanced = null;
        for (var now = start; now < start.AddDays(21) && advanced is null; now = now.AddHours(1))
        {
            host.Time.SetUtcNow(now);
            await using (var scope = host.Scope())
            {
                await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None);
            }

            await host.DrainAsync();
            foreach (var (lessonId, correctAnswer, reviewOf) in await ArrivedUnansweredAsync(host, learner.Id))
            {
                // The first lesson is answered wrongly, everything after it correctly.
                var correct = wrongLesson is not null;
                var answer = correct ? correctAnswer : (correctAnswer + 1) % 4;
                var outcome = await AnswerAsync(host, learner.Id, lessonId, answer, timeTaken: 20);
                Assert.Equal(ServiceStatus.Ok, outcome.Status);
                if (!correct)
                {
                    wrongLesson = lessonId;
                    wrongAt = now;
                    var memories = await MemoriesOfLessonAsync(host, learner.Id, lessonId);
                    Assert.NotEmpty(memories);
                    Assert.All(memories, m => Assert.InRange(m.Due, now, now.AddDays(1)));

                    // A replayed answer (a webhook retry) records nothing and moves no memory.
                    var replay = await AnswerAsync(host, learner.Id, lessonId, answer, timeTaken: 20);
                    Assert.Equal(ServiceStatus.Conflict, replay.Status);
                    Assert.Equal(memories.Select(m => (m.ConceptId, m.Due, m.Stability, m.Reps)), (await MemoriesOfLessonAsync(host, learner.Id, lessonId)).Select(m => (m.ConceptId, m.Due, m.Stability, m.Reps)));
                    Assert.Equal(memories.Count, await host.WithDbAsync(db => db.ReviewLogs.CountAsync(r => r.LearnerId == learner.Id)));
                }

                if (reviewOf is { } original)
                {
                    reviewsSeen.Add((lessonId, original));
                }
            }

            var next = await NextAsync(host, learner.Id);
            if (next.Action == "advance")
            {
                advanced = next;
            }
        }

        Assert.NotNull(wrongLesson);
        // The wrongly answered lesson came back as a review with a different question, and correct answers pushed it out.
        var review = reviewsSeen.First(r => r.Original == wrongLesson);
        var (originalQuestion, reviewQuestion) = await host.WithDbAsync(async db =>
            ((await db.Lessons.SingleAsync(l => l.Id == wrongLesson)).QuizQuestion, (await db.Lessons.SingleAsync(l => l.Id == review.Review)).QuizQuestion));
        Assert.NotEqual(originalQuestion, reviewQuestion);
        var after = await MemoriesOfLessonAsync(host, learner.Id, wrongLesson!.Value);
        Assert.All(after, m => Assert.True(m.Reps >= 2 && m.Due > wrongAt.AddDays(2), $"concept due {m.Due:u} after {m.Reps} reviews"));
        var ratings = await host.WithDbAsync(db => db.ReviewLogs.Where(r => r.LearnerId == learner.Id).Select(r => r.Rating).ToListAsync());
        Assert.Contains(Rating.Again, ratings);
        Assert.Contains(Rating.Good, ratings);

        // Mastery above 0.8 moves the learner on: /next says so, and the next scheduler tick starts the next topic.
        Assert.NotNull(advanced);
        Assert.True(advanced!.Mastery > 0.8, advanced.Reason);
        Assert.Equal(topics[1].Slug, advanced.NextTopic!.Id);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliveryScheduler>().RunAsync(CancellationToken.None);
        }

        var paths = await host.WithDbAsync(db => db.LearningPaths.Where(p => p.LearnerId == learner.Id).Select(p => p.Topic).ToListAsync());
        Assert.Contains(topics[1].Title, paths);
        Assert.Equal(topics[1].Slug, (await NextAsync(host, learner.Id)).CurrentTopic!.Id);

        // Reviews stay within the daily budget (default three).
        var reviewDays = await host.WithDbAsync(db => db.Lessons.Where(l => l.LearnerId == learner.Id && l.ReviewOfLessonId != null).Select(l => l.CreatedAt).ToListAsync());
        Assert.All(reviewDays.GroupBy(d => d.UtcDateTime.Date), g => Assert.InRange(g.Count(), 1, 3));

        // Progress keeps its fields and adds the memory ones.
        await using (var scope = host.Scope())
        {
            var progress = (await scope.ServiceProvider.GetRequiredService<ProgressService>().GetAsync(learner.Id, CancellationToken.None))!;
            Assert.True(progress.QuestionsAnswered >= 2);
            Assert.Contains(progress.Mastery, m => m.Topic == topics[0].Title && m.Mastery > 0.8);
            Assert.NotNull(progress.NextReviewAt);
            Assert.InRange(progress.PredictedRetention30Days!.Value, 0.01, 0.999);
        }
    }

    private static async Task<NextLesson> NextAsync(DeliveryHost host, Guid learnerId)
    {
        await using var scope = host.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<MasteryService>().NextAsync(learnerId, CancellationToken.None);
        return result.Value!;
    }

    private static async Task<ServiceResult<QuizOutcome>> AnswerAsync(DeliveryHost host, Guid learnerId, Guid lessonId, int answer, int timeTaken)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<QuizService>().AnswerAsync(new QuizAnswer(learnerId, lessonId, answer, timeTaken, "web"), CancellationToken.None);
    }

    private static Task<List<(Guid LessonId, int CorrectAnswer, Guid? ReviewOf)>> ArrivedUnansweredAsync(DeliveryHost host, Guid learnerId) =>
        host.WithDbAsync(async db => (await db.LessonDeliveries.AsNoTracking()
                .Where(d => d.LearnerId == learnerId && d.Sequence == 0 && d.Status == DeliveryStatus.Sent)
                .Where(d => !db.QuizResponses.Any(r => r.LessonId == d.LessonId))
                .Join(db.Lessons, d => d.LessonId, l => l.Id, (d, l) => new { l.Id, l.CorrectAnswer, l.ReviewOfLessonId })
                .Distinct().ToListAsync())
            .Select(l => (l.Id, l.CorrectAnswer, l.ReviewOfLessonId)).ToList());

    private static Task<List<ConceptMemory>> MemoriesOfLessonAsync(DeliveryHost host, Guid learnerId, Guid lessonId) =>
        host.WithDbAsync(db => db.ConceptMemories.AsNoTracking()
            .Where(m => m.LearnerId == learnerId && db.LessonConcepts.Any(lc => lc.LessonId == lessonId && lc.ConceptId == m.ConceptId))
            .OrderBy(m => m.ConceptId).ToListAsync());
}
