using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Security;

/// <summary>An integration that shows lessons to learners gets the answer only after the learner has given one.</summary>
public sealed class AnswerVisibilityTests
{
    [Fact]
    public async Task Integration_keys_get_no_correct_answer_or_explanation_until_the_learner_answers_and_admin_keys_always_do()
    {
        using var factory = new BmoAppFactory();
        var integration = factory.CreateIntegrationClient();
        var admin = factory.CreateAdminClient();
        var learner = (string)(await integration.CreateLearnerAsync())["id"]!;
        var request = await integration.RequestLessonAsync(learner);
        var done = await integration.WaitForLessonRequestAsync((string)request["id"]!);
        var lessonId = (string)done["lesson"]!["id"]!;

        AssertHidden(done["lesson"]!.AsObject());
        AssertHidden(await (await integration.GetAsync($"/api/v1/lessons/{lessonId}")).ReadObjectAsync());
        AssertHidden((await (await integration.GetAsync($"/api/v1/learners/{learner}/lessons")).ReadObjectAsync())["items"]![0]!.AsObject());
        var full = await (await admin.GetAsync($"/api/v1/lessons/{lessonId}")).ReadObjectAsync();
        var correct = (int)full["correct_answer"]!;
        Assert.False(string.IsNullOrEmpty((string?)full["explanation"]));
        Assert.Equal(correct, (int)(await (await admin.GetAsync($"/api/v1/lesson_requests/{request["id"]}")).ReadObjectAsync())["lesson"]!["correct_answer"]!);

        var answered = await integration.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner, lesson_id = lessonId, answer_given = (correct + 1) % 4 });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);

        Assert.Equal(correct, (int)(await (await integration.GetAsync($"/api/v1/lessons/{lessonId}")).ReadObjectAsync())["correct_answer"]!);
        Assert.Equal(correct, (int)(await (await integration.GetAsync($"/api/v1/lesson_requests/{request["id"]}")).ReadObjectAsync())["lesson"]!["correct_answer"]!);
        var listed = (await (await integration.GetAsync($"/api/v1/learners/{learner}/lessons")).ReadObjectAsync())["items"]![0]!;
        Assert.Equal(correct, (int)listed["correct_answer"]!);
        Assert.False(string.IsNullOrEmpty((string?)listed["explanation"]));
    }

    [Fact]
    public async Task The_opt_in_setting_gives_integration_keys_the_answer_before_it_is_given()
    {
        using var factory = new BmoAppFactory().With("Auth:RevealAnswersToIntegrations", "true");
        var integration = factory.CreateIntegrationClient();
        var learner = (string)(await integration.CreateLearnerAsync())["id"]!;
        var lesson = await integration.CreateReadyLessonAsync(learner);
        Assert.InRange((int)lesson["correct_answer"]!, 0, 3);
        Assert.False(string.IsNullOrEmpty((string?)lesson["explanation"]));
    }

    private static void AssertHidden(JsonObject lesson)
    {
        Assert.True(lesson.ContainsKey("correct_answer"));
        Assert.Null(lesson["correct_answer"]);
        Assert.Null(lesson["explanation"]);
        Assert.NotEmpty(lesson["quiz_options"]!.AsArray());
    }
}
