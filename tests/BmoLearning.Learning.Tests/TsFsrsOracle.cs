using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BmoLearning.Learning.Fsrs;

namespace BmoLearning.Learning.Tests;

// Runs tests/.../oracle/ts-fsrs-oracle.mjs on the ts-fsrs that scripts/fsrs-oracle.sh installed into .tools/.
internal static class TsFsrsOracle
{
    public sealed record Sequence(DateTimeOffset Start, IReadOnlyList<(Rating Rating, DateTimeOffset At)> Reviews);

    public sealed record State(double Stability, double Difficulty, int Phase, int Step, long Due, int ScheduledDays, int Reps, int Lapses, double Retrievability);

    /// <summary>The .tools directory holding ts-fsrs, or why the oracle cannot run.</summary>
    public static (string? ToolsDir, string? Missing) Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BmoLearning.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            return (null, "the repository root (BmoLearning.slnx) was not found above the test binaries");
        }

        var tools = Path.Combine(dir.FullName, ".tools");
        if (!File.Exists(Path.Combine(tools, "node_modules", "ts-fsrs", "package.json")))
        {
            return (null, $"ts-fsrs is not installed in {tools}: run scripts/fsrs-oracle.sh");
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            probe!.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "node is not on PATH");
        }

        return (tools, null);
    }

    public static (string Version, List<List<List<State>>> Cases) Run(string toolsDir, IReadOnlyList<(FsrsOptions Options, IReadOnlyList<Sequence> Sequences)> cases)
    {
        var request = new JsonObject
        {
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["options"] = new JsonObject
                {
                    ["enable_short_term"] = c.Options.EnableShortTerm,
                    ["learning_steps"] = new JsonArray(c.Options.LearningStepsMinutes.Select(m => (JsonNode)JsonValue.Create($"{m}m")).ToArray()),
                    ["relearning_steps"] = new JsonArray(c.Options.RelearningStepsMinutes.Select(m => (JsonNode)JsonValue.Create($"{m}m")).ToArray()),
                    ["request_retention"] = c.Options.DesiredRetention,
                    ["maximum_interval"] = c.Options.MaximumIntervalDays,
                    ["w"] = new JsonArray(c.Options.Weights.Select(w => (JsonNode)JsonValue.Create(w)).ToArray()),
                },
                ["sequences"] = new JsonArray(c.Sequences.Select(s => (JsonNode)new JsonObject
                {
                    ["start"] = s.Start.ToUnixTimeMilliseconds(),
                    ["reviews"] = new JsonArray(s.Reviews.Select(r => (JsonNode)new JsonObject
                    {
                        ["rating"] = (int)r.Rating,
                        ["at"] = r.At.ToUnixTimeMilliseconds(),
                    }).ToArray()),
                }).ToArray()),
            }).ToArray()),
        };

        var script = Path.Combine(AppContext.BaseDirectory, "oracle", "ts-fsrs-oracle.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["BMO_TS_FSRS_DIR"] = toolsDir;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(request.ToJsonString());
        node.StandardInput.Close();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"ts-fsrs oracle failed ({node.ExitCode}): {stderr.Result}");
        }

        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        using var doc = JsonDocument.Parse(stdout.Result);
        var version = doc.RootElement.GetProperty("version").GetString()!;
        var result = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => c.EnumerateArray().Select(s => s.EnumerateArray().Select(e => new State(
                e.GetProperty("stability").GetDouble(),
                e.GetProperty("difficulty").GetDouble(),
                e.GetProperty("state").GetInt32(),
                e.GetProperty("step").GetInt32(),
                e.GetProperty("due").GetInt64(),
                e.GetProperty("scheduled_days").GetInt32(),
                e.GetProperty("reps").GetInt32(),
                e.GetProperty("lapses").GetInt32(),
                e.GetProperty("retrievability").GetDouble())).ToList()).ToList()).ToList();
        return (version, result);
    }
}
