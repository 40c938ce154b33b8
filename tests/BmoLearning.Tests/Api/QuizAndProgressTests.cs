using System.Net;
using System.Net.Http.Json;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

public sealed class QuizAndProgressTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public QuizAndProgressTests() => _client = _factory.CreateAdminClient();

    [Fact]
    public async Task A_correct_answer_returns_201_with_explanation_and_advances_the_path()
    {
        var learner = await _client.CreateLearnerAsync();
        var lesson = await _client.CreateReadyLessonAsync((string)learner["id"]!);
        var correct = (int)lesson["correct_answer"]!;

        var response = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner["id"]!.ToString(), lesson_id = lesson["id"]!.ToString(), answer_given = correct, time_taken_seconds = 42 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.True((bool)body["correct"]!);
        Assert.Equal(correct, (int)body["correct_answer"]!);
        Assert.Equal((string?)lesson["quiz_options"]![correct], (string?)body["correct_option"]);
        Assert.Contains("Source:", (string?)body["explanation"], StringComparison.Ordinal);
        Assert.Equal(1, (int)body["learning_path"]!["lessons_completed"]!);
    }

    [Fact]
    public async Task A_wrong_answer_is_recorded_without_advancing_and_a_second_answer_is_409()
    {
        var learner = await _client.CreateLearnerAsync();
        var lesson = await _client.CreateReadyLessonAsync((string)learner["id"]!);
        var wrong = ((int)lesson["correct_answer"]! + 1) % 4;
        var body = new { learner_id = learner["id"]!.ToString(), lesson_id = lesson["id"]!.ToString(), answer_given = wrong };

        var first = await (await _client.PostAsJsonAsync("/api/v1/quiz_responses", body)).ReadObjectAsync();
        Assert.False((bool)first["correct"]!);
        Assert.Equal(0, (int)first["learning_path"]!["lessons_completed"]!);

        var again = await _client.PostAsJsonAsync("/api/v1/quiz_responses", body with { answer_given = (int)lesson["correct_answer"]! });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        var progress = await (await _client.GetAsync($"/api/v1/learners/{learner["id"]}/progress")).ReadObjectAsync();
        Assert.Equal(1, (int)progress["questions_answered"]!);
    }

    [Fact]
    public async Task Invalid_answers_are_422_and_unknown_ids_404()
    {
        var learner = await _client.CreateLearnerAsync();
        var other = await _client.CreateLearnerAsync();
        var lesson = await _client.CreateReadyLessonAsync((string)learner["id"]!);

        var missingFields = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { time_taken_seconds = -1 });
        var errors = (await missingFields.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("learner_id") && errors.ContainsKey("lesson_id") && errors.ContainsKey("answer_given") && errors.ContainsKey("time_taken_seconds"));

        var outOfRange = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner["id"]!.ToString(), lesson_id = lesson["id"]!.ToString(), answer_given = 4 });
        Assert.True((await outOfRange.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject().ContainsKey("answer_given"));

        var notTheirs = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = other["id"]!.ToString(), lesson_id = lesson["id"]!.ToString(), answer_given = 0 });
        await notTheirs.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var unknownLesson = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner["id"]!.ToString(), lesson_id = Guid.NewGuid(), answer_given = 0 });
        await unknownLesson.AssertProblemAsync(HttpStatusCode.NotFound);
        var unknownLearner = await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = Guid.NewGuid(), lesson_id = lesson["id"]!.ToString(), answer_given = 0 });
        await unknownLearner.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_path_completes_when_lessons_completed_reaches_total_lessons()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = learner["id"]!.ToString();
        var created = await (await _client.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = id, topic = "Statements and reconciliation", total_lessons = 1 })).ReadObjectAsync();
        var done = await _client.WaitForLessonRequestAsync((string)created["first_lesson_request"]!["id"]!);
        var lesson = done["lesson"]!;

        var answer = await (await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = id, lesson_id = lesson["id"]!.ToString(), answer_given = (int)lesson["correct_answer"]! })).ReadObjectAsync();
        Assert.Equal("completed", (string?)answer["learning_path"]!["status"]);
        var path = await (await _client.GetAsync($"/api/v1/learning_paths/{created["learning_path"]!["id"]}")).ReadObjectAsync();
        Assert.Equal("completed", (string?)path["status"]);
        Assert.NotNull(path["completed_at"]);
    }

    [Fact]
    public async Task Progress_reports_completion_and_accuracy_with_their_denominators()
    {
        var learner = await _client.CreateLearnerAsync();
        var id = learner["id"]!.ToString();
        var apr = await _client.CreateReadyLessonAsync(id, "APR");
        var fees = await _client.CreateReadyLessonAsync(id, "Annual fees");
        await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = id, lesson_id = apr["id"]!.ToString(), answer_given = (int)apr["correct_answer"]! });
        await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = id, lesson_id = fees["id"]!.ToString(), answer_given = ((int)fees["correct_answer"]! + 1) % 4 });

        var progress = await (await _client.GetAsync($"/api/v1/learners/{id}/progress")).ReadObjectAsync();
        Assert.Equal(0.5, (double)progress["quiz_accuracy"]!);
        Assert.Equal(2, (int)progress["questions_answered"]!);
        Assert.Equal(1, (int)progress["lessons_completed"]!);
        Assert.Equal(20, (int)progress["total_lessons"]!);
        Assert.Equal(0.05, (double)progress["completion_rate"]!);
        var paths = progress["paths"]!.AsArray();
        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.Equal(1, (int)p!["lessons_delivered"]!));
    }

    [Fact]
    public async Task Progress_counts_each_path_apart_and_only_this_learners_answers()
    {
        var learner = (string)(await _client.CreateLearnerAsync())["id"]!;
        var other = (string)(await _client.CreateLearnerAsync())["id"]!;
        await _client.CreateReadyLessonAsync(learner, "Annual fees");
        var apr = await _client.CreateReadyLessonAsync(learner, "APR");
        var aprAgain = await _client.CreateReadyLessonAsync(learner, "APR");
        await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner, lesson_id = (string)apr["id"]!, answer_given = (int)apr["correct_answer"]! });
        await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = learner, lesson_id = (string)aprAgain["id"]!, answer_given = ((int)aprAgain["correct_answer"]! + 1) % 4 });
        // Another learner on the same topic: their lesson and answer must not count for this learner.
        var theirs = await _client.CreateReadyLessonAsync(other, "APR");
        await _client.PostAsJsonAsync("/api/v1/quiz_responses", new { learner_id = other, lesson_id = (string)theirs["id"]!, answer_given = (int)theirs["correct_answer"]! });

        var progress = await (await _client.GetAsync($"/api/v1/learners/{learner}/progress")).ReadObjectAsync();
        var paths = progress["paths"]!.AsArray();
        Assert.Equal(["APR", "Annual fees"], paths.Select(p => (string)p!["topic"]!));
        Assert.Equal((2, 2, 1), ((int)paths[0]!["lessons_delivered"]!, (int)paths[0]!["questions_answered"]!, (int)paths[0]!["correct_answers"]!));
        Assert.Equal((1, 0, 0), ((int)paths[1]!["lessons_delivered"]!, (int)paths[1]!["questions_answered"]!, (int)paths[1]!["correct_answers"]!));
        Assert.All(paths, p => Assert.Equal("active", (string)p!["status"]!));
        Assert.Equal(0.5, (double)progress["quiz_accuracy"]!);
        Assert.Equal(2, (int)progress["questions_answered"]!);
    }

    [Fact]
    public async Task Progress_for_a_new_learner_is_zero_and_for_an_unknown_learner_404()
    {
        var learner = await _client.CreateLearnerAsync();
        var progress = await (await _client.GetAsync($"/api/v1/learners/{learner["id"]}/progress")).ReadObjectAsync();
        Assert.Equal(0, (double)progress["completion_rate"]!);
        Assert.Empty(progress["paths"]!.AsArray());
        await (await _client.GetAsync($"/api/v1/learners/{Guid.NewGuid()}/progress")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();
}
