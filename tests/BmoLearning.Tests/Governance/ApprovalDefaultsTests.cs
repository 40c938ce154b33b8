using System.Text.Json.Nodes;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Tests.Governance;

/// <summary>
/// Where the approval policy is on (issue 14): the production deployments (compose, and Terraform's prod test asserts
/// the ECS environment) set Approval__Required; the embedded default leaves it off; and the policy holds model-written
/// lessons only, unless told otherwise.
/// </summary>
public sealed class ApprovalDefaultsTests
{
    [Fact]
    public void Every_compose_app_service_requires_approval_through_the_shared_environment()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        var start = Array.FindIndex(lines, l => l.Trim() == "environment: &app-env");
        Assert.True(start >= 0, "docker-compose.yml has no shared app environment (&app-env)");
        var block = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Trim().Length == 0).Select(l => l.Trim()).ToList();

        Assert.Contains("Approval__Required: \"true\"", block);
        Assert.DoesNotContain(block, l => l.StartsWith("Approval__ModelWrittenOnly", StringComparison.Ordinal));
        foreach (var service in new[] { "api", "ai", "worker", "migrate", "seed" })
        {
            var at = Array.FindIndex(lines, l => l == $"  {service}:");
            Assert.True(at >= 0 && lines[at + 1].Trim() == "<<: *app", $"compose service {service} does not use the shared app settings");
            // A service's own environment: key would replace the shared one, dropping the setting.
            var body = lines.Skip(at + 1).TakeWhile(l => l.StartsWith("   ", StringComparison.Ordinal) || l.Trim().Length == 0);
            Assert.DoesNotContain(body, l => l.Trim().StartsWith("environment:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_embedded_default_leaves_approval_off_and_no_production_appsettings_turns_it_on()
    {
        var host = Path.Combine(RepositoryRoot(), "src", "BmoLearning.Host");
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(host, "appsettings.json")))!;
        Assert.NotEqual("true", settings["Approval"]?["Required"]?.ToString().ToLowerInvariant());
        Assert.False(File.Exists(Path.Combine(host, "appsettings.Production.json")) && File.ReadAllText(Path.Combine(host, "appsettings.Production.json")).Contains("Approval", StringComparison.Ordinal));
        Assert.False(new ApprovalOptions().Required);
    }

    [Fact]
    public void With_approval_on_only_model_written_lessons_wait_unless_every_lesson_is_asked_for()
    {
        var production = new ApprovalOptions { Required = true };
        var everyLesson = new ApprovalOptions { Required = true, ModelWrittenOnly = false };

        Assert.True(production.Applies(Lesson("gpt-4o-mini")));
        Assert.False(production.Applies(Lesson(null)));
        Assert.True(everyLesson.Applies(Lesson(null)));
        Assert.False(new ApprovalOptions().Applies(Lesson("gpt-4o-mini")));
    }

    private static Lesson Lesson(string? model) => new()
    {
        Topic = "APR", Content = "c", Scenario = "s", QuizQuestion = "q", Explanation = "e", GeneratorName = "g", GeneratorVersion = "1", Model = model,
    };

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BmoLearning.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BmoLearning.slnx not found above " + AppContext.BaseDirectory);
    }
}
