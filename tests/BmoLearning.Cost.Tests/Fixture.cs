using System.Text.Json;
using System.Text.Json.Nodes;

namespace BmoLearning.Cost.Tests;

/// <summary>Loads the JSON fixtures copied next to the test assembly, optionally edited first.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonDocument Plan(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name)));

    /// <summary>The fixture after <paramref name="edit"/> changed it (e.g. another architecture).</summary>
    public static JsonDocument Plan(string name, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(PathOf(name)))!;
        edit(node);
        return JsonDocument.Parse(node.ToJsonString());
    }

    public static UsageAssumptions Usage(string name) => UsageAssumptions.Load(PathOf(name));

    public static CostReport Estimate(string plan, string? usage = null)
    {
        using var doc = Plan(plan);
        return CostEstimator.Estimate(doc, usage is null ? UsageAssumptions.Default : Usage(usage));
    }

    /// <summary>The resource objects of every module of a plan node, for edits.</summary>
    public static IEnumerable<JsonObject> Resources(JsonNode plan)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(plan["planned_values"]!["root_module"]!);
        while (stack.Count > 0)
        {
            var module = stack.Pop();
            foreach (var r in module["resources"]?.AsArray() ?? [])
            {
                yield return r!.AsObject();
            }

            foreach (var child in module["child_modules"]?.AsArray() ?? [])
            {
                stack.Push(child!);
            }
        }
    }

    public static JsonObject Values(JsonNode plan, string address) =>
        Resources(plan).Single(r => (string?)r["address"] == address)["values"]!.AsObject();

    /// <summary>The repository root (the directory holding BmoLearning.slnx).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BmoLearning.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("BmoLearning.slnx not found above the test assembly.");
    }

    public static decimal Sum(this CostReport report, Func<CostLineItem, bool> predicate) =>
        report.LineItems.Where(predicate).Sum(i => i.Monthly);
}
