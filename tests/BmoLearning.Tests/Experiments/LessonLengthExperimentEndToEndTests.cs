using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Core.Experiments;
using BmoLearning.Safety.Rules;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Experiments;

/// <summary>
/// Acceptance for issue 15 on loopback, through the real API, generation job and web delivery, on a fake clock:
/// a lesson_length experiment assigns learners, changes the lessons they are sent, logs one exposure each, and its
/// results count exactly what happened. Shipping the short variant then makes it what everyone receives.
/// </summary>
public sealed class LessonLengthExperimentEndToEndTests
{
    private const int MinPerArm = 3;
    private const int MaxLearners = 30;

    [Fact]
    public async Task A_lesson_length_experiment_changes_what_learners_receive_and_its_results_count_what_happened()
    {
        var time = new FakeTimeProvider(DeliveryApp.MondayMorning);
        using var factory = DeliveryApp.Create(time);
        var admin = factory.CreateAdminClient();
        var id = (string)(await admin.CreateAsync(ExperimentApi.LessonLength()))["id"]!;
        await admin.ActAsync(id, "start");

        // Learners ask for an advanced lesson (five key points when standard) until each arm has a few.
        var received = new List<(string Learner, JsonObject Lesson, bool Short)>();
        while (received.Count(r => r.Short) < MinPerArm || received.Count(r => !r.Short) < MinPerArm)
        {
            Assert.True(received.Count < MaxLearners, $"After {received.Count} learners the arms are still {received.Count(r => r.Short)} short / {received.Count(r => !r.Short)} normal.");
            var learner = (string)(await admin.CreateLearnerAsync())["id"]!;
            var request = await admin.RequestLessonAsync(learner, "APR", "advanced");
            var done = await admin.WaitForLessonRequestAsync((string)request["id"]!);
            Assert.Equal("ready", (string?)done["status"]);
            var lesson = done["lesson"]!.AsObject();
            await WaitForSentOnWebAsync(admin, (string)lesson["id"]!);
            var keyPoints = lesson["key_points"]!.AsArray().Count;
            var isShort = keyPoints == LessonLength.ShortKeyPoints;
            if (isShort)
            {
                // One paragraph of teaching; the disclaimer a rates topic needs is still appended after it.
                var paragraphs = ((string)lesson["content"]!).Split("\n\n").Where(p => p != FinancialContentRules.StandardDisclaimer).ToList();
                Assert.Single(paragraphs);
            }
            else
            {
                Assert.True(keyPoints > LessonLength.ShortKeyPoints, $"A standard advanced lesson has {keyPoints} key points.");
            }

            received.Add((learner, lesson, isShort));
        }

        // Exactly one exposure per learner, in the arm whose lesson they were sent.
        var exposures = await ExposuresAsync(factory, Guid.Parse(id));
        Assert.Equal(received.Count, exposures.Count);
        foreach (var (learner, _, isShort) in received)
        {
            Assert.Equal(isShort ? "short" : "normal", exposures[Guid.Parse(learner)]);
        }

        // Answers: a third right at once, a third wrong at once, a third right but after 24 hours.
        var expected = new Dictionary<string, (int Prompt, int Reached, int Correct, int Answers)> { ["normal"] = default, ["short"] = default };
        var late = new List<(string Learner, JsonObject Lesson)>();
        for (var i = 0; i < received.Count; i++)
        {
            var (learner, lesson, isShort) = received[i];
            var arm = isShort ? "short" : "normal";
            var e = expected[arm];
            e.Reached++;
            e.Answers++;
            switch (i % 3)
            {
                case 0:
                    await AnswerAsync(admin, learner, lesson, correct: true);
                    (e.Prompt, e.Correct) = (e.Prompt + 1, e.Correct + 1);
                    break;
                case 1:
                    await AnswerAsync(admin, learner, lesson, correct: false);
                    e.Prompt++;
                    break;
                default:
                    late.Add((learner, lesson));
                    e.Correct++;
                    break;
            }

            expected[arm] = e;
        }

        time.Advance(TimeSpan.FromHours(25));
        foreach (var (learner, lesson) in late)
        {
            await AnswerAsync(admin, learner, lesson, correct: true);
        }

        var results = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/experiments/{id}/results"))!;
        Assert.Equal("not_yet_at_planned_sample", (string?)results["state"]);
        Assert.Equal([received.LongCount(r => !r.Short), received.LongCount(r => r.Short)], results["sample_ratio"]!["exposed"]!.AsArray().Select(x => (long)x!));
        var metrics = results["metrics"]!.AsArray().ToDictionary(m => (string)m!["metric"]!, m => m!["variants"]!.AsArray());
        foreach (var (arm, index) in new[] { ("normal", 0), ("short", 1) })
        {
            var e = expected[arm];
            var within = metrics["answered_within_24h"][index]!;
            Assert.Equal(arm, (string?)within["variant"]);
            Assert.Equal((e.Prompt, e.Reached), ((int)within["successes"]!, (int)within["trials"]!));
            var accuracy = metrics["accuracy"][index]!;
            Assert.Equal((e.Correct, e.Answers), ((int)accuracy["successes"]!, (int)accuracy["trials"]!));
            Assert.Equal((0, e.Reached), ((int)metrics["opt_out"][index]!["successes"]!, (int)metrics["opt_out"][index]!["trials"]!));
        }

        Assert.Null(metrics["answered_within_24h"][0]!["versus_control"]);
        Assert.NotNull(metrics["answered_within_24h"][1]!["versus_control"]);

        // Ship short: the experiment ends, nobody new is exposed, and short is now every learner's lesson length.
        await admin.ActAsync(id, "stop");
        await admin.ActAsync(id, "ship", new { variant = "short" });
        var after = (string)(await admin.CreateLearnerAsync())["id"]!;
        var afterRequest = await admin.RequestLessonAsync(after, "APR", "advanced");
        var afterLesson = (await admin.WaitForLessonRequestAsync((string)afterRequest["id"]!))["lesson"]!.AsObject();
        Assert.Equal(LessonLength.ShortKeyPoints, afterLesson["key_points"]!.AsArray().Count);
        Assert.Equal(received.Count, (await ExposuresAsync(factory, Guid.Parse(id))).Count);
    }

    private static async Task AnswerAsync(HttpClient admin, string learner, JsonObject lesson, bool correct)
    {
        var right = (int)lesson["correct_answer"]!;
        var response = await admin.PostAsJsonAsync("/api/v1/quiz_responses",
            new { learner_id = learner, lesson_id = (string)lesson["id"]!, answer_given = correct ? right : (right + 1) % 4 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Dictionary<Guid, string>> ExposuresAsync(BmoAppFactory factory, Guid experimentId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ExperimentExposures.AsNoTracking()
            .Where(x => x.ExperimentId == experimentId).ToListAsync();
        return rows.ToDictionary(x => x.LearnerId, x => x.Variant);
    }

    private static async Task WaitForSentOnWebAsync(HttpClient admin, string lessonId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var body = await (await admin.GetAsync($"/api/v1/lessons/{lessonId}/deliveries")).ReadObjectAsync();
            if (body["deliveries"]!.AsArray().Any(r => (string?)r!["channel"] == "web" && (string?)r["status"] == "sent"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, string.Create(CultureInfo.InvariantCulture, $"Lesson {lessonId} was not sent: {body.ToJsonString()}"));
            await Task.Delay(100);
        }
    }
}
