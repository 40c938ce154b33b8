using BmoLearning.Learning.Courses;

namespace BmoLearning.Learning.Tests;

public sealed class CourseFileTests
{
    private const string Valid = """
        {
          "id": "business-credit-cards",
          "title": "Business credit cards",
          "topics": [
            { "id": "basics", "title": "Card basics", "prerequisites": [] },
            { "id": "rewards", "title": "Rewards", "prerequisites": ["basics"] },
            { "id": "limits", "title": "Credit limits", "prerequisites": ["basics", "rewards"] }
          ]
        }
        """;

    [Fact]
    public void A_valid_course_keeps_its_topic_order_and_prerequisites()
    {
        var result = CourseFile.Parse(Valid);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var course = result.Course!;
        Assert.Equal("business-credit-cards", course.Id);
        Assert.Equal(["basics", "rewards", "limits"], course.Topics.Select(t => t.Id));
        Assert.Equal(["basics", "rewards"], course.Topics[2].Prerequisites);
        Assert.Equal(7, course.Topics[2].Line);
    }

    [Fact]
    public void A_duplicate_topic_is_refused_with_both_lines()
    {
        var result = CourseFile.Parse(Valid.Replace("\"id\": \"limits\"", "\"id\": \"rewards\"", StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Null(result.Course);
        Assert.Equal(7, error.Line);
        Assert.Equal("topics[2].id", error.Field);
        Assert.Contains("duplicate topic id 'rewards' (first defined on line 6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_prerequisite_is_refused_with_its_line()
    {
        var result = CourseFile.Parse(Valid.Replace("[\"basics\"]", "[\"basic\"]", StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("unknown topic 'basic'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_prerequisites_is_refused_with_the_cycle()
    {
        var result = CourseFile.Parse(Valid.Replace("\"prerequisites\": [] }", "\"prerequisites\": [\"limits\"] }", StringComparison.Ordinal));
        // basics needs limits, which needs basics directly and through rewards: two cycles, each reported.
        Assert.Null(result.Course);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("cycle of prerequisites", e.Message, StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.EndsWith("basics -> limits -> basics", StringComparison.Ordinal) && e.Line == 5);
        Assert.Contains(result.Errors, e => e.Message.EndsWith("basics -> limits -> rewards -> basics", StringComparison.Ordinal));
    }

    [Fact]
    public void A_topic_that_needs_itself_is_a_cycle()
    {
        var result = CourseFile.Parse(Valid.Replace("[\"basics\"]", "[\"rewards\"]", StringComparison.Ordinal));
        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("rewards -> rewards", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_are_all_reported_with_lines_and_paths()
    {
        var result = CourseFile.Parse("""
            {
              "title": "",
              "topics": [
                { "title": "No id" },
                { "id": "a", "title": "A", "prerequisites": "b" }
              ]
            }
            """);
        Assert.Null(result.Course);
        Assert.Contains(result.Errors, e => e is { Field: "$.id", Line: 1 });
        Assert.Contains(result.Errors, e => e is { Field: "$.title", Line: 2 });
        Assert.Contains(result.Errors, e => e is { Field: "topics[0].id", Line: 4 });
        Assert.Contains(result.Errors, e => e is { Field: "topics[1].prerequisites", Line: 5 });
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line()
    {
        var result = CourseFile.Parse("{\n  \"id\": \"x\",\n  \"topics\": [ {\"id\": }\n}");
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_course_without_topics_is_refused()
    {
        var result = CourseFile.Parse("""{ "id": "c", "title": "C", "topics": [] }""");
        Assert.Contains(result.Errors, e => e.Field == "topics");
    }
}
