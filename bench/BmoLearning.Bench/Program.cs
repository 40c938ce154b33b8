using BmoLearning.Bench;

// Benchmark runner: `dotnet run -c Release --project bench/BmoLearning.Bench -- [api|pipeline|all] [--rate N] [--seconds N]`.
// Every figure is printed next to a baseline measured in the same run, so results compare across machines.
var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var rate = IntOption(args, "--rate", 200);
var seconds = IntOption(args, "--seconds", 20);

Console.WriteLine($"# BMO Learning benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
if (suite == "retrieval")
{
    // Quality tuning loop: reuses (and on first use fills) a data directory.
    var dir = args.SkipWhile(a => a != "--data-dir").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "bmo-bench-retrieval");
    Directory.CreateDirectory(dir);
    await PipelineBench.RunAsync(dir, retrievalOnly: true);
}

if (suite is "pipeline" or "all")
{
    await PipelineBench.RunAsync();
}

if (suite is "api" or "all")
{
    await ApiBench.RunAsync(rate, TimeSpan.FromSeconds(seconds));
}

return 0;

static int IntOption(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}
