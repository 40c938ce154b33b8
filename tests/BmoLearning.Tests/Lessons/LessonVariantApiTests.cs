using System.Net;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Lessons;

/// <summary>GET /api/v1/lessons/{id}/variant: administrators only, 404 for an unknown lesson, never the same option set.</summary>
public sealed class LessonVariantApiTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_variant_is_a_new_question_on_the_same_fact_with_another_option_set()
    {
        var admin = _factory.CreateAdminClient();
        var learner = await admin.CreateLearnerAsync("variant@example.com");
        var lesson = await admin.CreateReadyLessonAsync((string)learner["id"]!, "grace periods");
        var options = lesson["quiz_options"]!.AsArray().Select(o => (string)o!).ToList();

        var first = await (await admin.GetAsync($"/api/v1/lessons/{lesson["id"]}/variant")).ReadObjectAsync();
        var second = await (await admin.GetAsync($"/api/v1/lessons/{lesson["id"]}/variant?number=1")).ReadObjectAsync();

        foreach (var variant in new[] { first, second })
        {
            var variantOptions = variant["quiz_options"]!.AsArray().Select(o => (string)o!).ToList();
            Assert.Equal((string)lesson["id"]!, (string)variant["lesson_id"]!);
            Assert.Equal(4, variantOptions.Distinct().Count());
            Assert.False(variantOptions.ToHashSet().SetEquals(options), "the variant repeats the lesson's option set");
            Assert.NotEqual((string)lesson["quiz_question"]!, (string)variant["quiz_question"]!);
            Assert.Equal((string)lesson["explanation"]!, (string)variant["explanation"]!);
            Assert.InRange((int)variant["correct_answer"]!, 0, 3);
            Assert.Contains((string)variant["question_type"]!, new[] { "fact", "term", "scenario" });
        }

        Assert.NotEqual(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task A_variant_of_an_unknown_lesson_is_404()
    {
        var response = await _factory.CreateAdminClient().GetAsync($"/api/v1/lessons/{Guid.CreateVersion7()}/variant");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Variants_are_for_administrators_only()
    {
        var admin = _factory.CreateAdminClient();
        var learner = await admin.CreateLearnerAsync("variant-auth@example.com");
        var lesson = await admin.CreateReadyLessonAsync((string)learner["id"]!, "annual fees");

        var integration = await _factory.CreateIntegrationClient().GetAsync($"/api/v1/lessons/{lesson["id"]}/variant");
        var anonymous = await _factory.CreateClientWithKey(null).GetAsync($"/api/v1/lessons/{lesson["id"]}/variant");

        Assert.Equal(HttpStatusCode.Forbidden, integration.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_bad_variant_number_is_422_naming_the_field()
    {
        var admin = _factory.CreateAdminClient();
        var response = await admin.GetAsync($"/api/v1/lessons/{Guid.CreateVersion7()}/variant?number=-1");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]?["number"]);
    }
}
