using BmoLearning.Bench;

// Benchmark runner:
//   dotnet run -c Release --project bench/BmoLearning.Bench -- [api|pipeline|llm|retrieval|all] [--rate N] [--seconds N]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- api [--rate 200] [--seconds 20] [--connections 16]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- memory [--queries 50] [--minutes 2]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- embedding [--texts 128]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- quiz-quality [--corpus starter|safety] [--list-misses]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- scale [--chunks 100000] [--embedded 10000]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- due-reviews [--learners 100000] [--concepts 50] [--postgres CONN] [--skip-sqlite]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- retention [--learners 1000] [--days 90] [--plot docs/images/retention.png] [--guess-percent 25]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- analytics [--learners 10000] [--days 90] [--samples 100] [--data-dir DIR] [--postgres CONN]
//   dotnet run -c Release --project bench/BmoLearning.Bench -- [api-pg|pgvector|queue|production] --postgres CONN [--redis HOST:PORT]
// The production suites need the servers of scripts/services.sh (`eval "$(scripts/services.sh start)"` sets
// BMO_TEST_POSTGRES and BMO_TEST_REDIS, which stand in for --postgres and --redis).
// Every figure is printed next to a baseline measured in the same run, so results compare across machines.
var suite = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
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

if (suite == "scale")
{
    await ScaleBench.RunAsync(IntOption(args, "--chunks", 100_000), IntOption(args, "--embedded", 10_000));
}

if (suite == "due-reviews")
{
    await DueReviewsBench.RunAsync(IntOption(args, "--learners", 100_000), IntOption(args, "--concepts", 50), Servers.FromArgs(args), args.Contains("--skip-sqlite"));
}

if (suite == "retention") { await RetentionBench.RunAsync(IntOption(args, "--learners", 1000), IntOption(args, "--days", 90), args.SkipWhile(a => a != "--plot").Skip(1).FirstOrDefault() ?? "docs/images/retention.png", IntOption(args, "--guess-percent", 25) / 100.0); }

if (suite == "send-time") { await SendTimeBench.RunAsync(IntOption(args, "--learners", 5000), IntOption(args, "--days", 60), args.SkipWhile(a => a != "--plot").Skip(1).FirstOrDefault() ?? "docs/images/send-time-regret.png"); }

if (suite == "analytics") { await AnalyticsBench.RunAsync(IntOption(args, "--learners", 10_000), IntOption(args, "--days", 90), IntOption(args, "--samples", 100), Servers.Option(args, "--data-dir"), Servers.FromArgs(args)); }

if (suite is "pipeline" or "all")
{
    await PipelineBench.RunAsync();
}

if (suite is "llm" or "all")
{
    await LlmBench.RunAsync();
}

if (suite == "quiz-quality")
{
    await QuizQualityBench.RunAsync(args.SkipWhile(a => a != "--corpus").Skip(1).FirstOrDefault() ?? "starter", listMisses: args.Contains("--list-misses"));
}

if (suite is "api" or "all")
{
    await ApiBench.RunAsync(rate, TimeSpan.FromSeconds(seconds), connections: IntOption(args, "--connections", 16));
}

if (suite == "embedding")
{
    await EmbeddingBench.RunAsync(IntOption(args, "--texts", 128));
}

if (suite is "memory" or "all")
{
    var minutes = Servers.Option(args, "--minutes") is { } m ? double.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 2;
    await MemoryBench.RunAsync(IntOption(args, "--queries", 50), minutes);
}

if (suite is "api-pg" or "pgvector" or "queue" or "production")
{
    var servers = Servers.FromArgs(args)
        ?? throw new InvalidOperationException("This suite needs PostgreSQL: pass --postgres \"Host=...;Port=...;Username=...\" or start scripts/services.sh.");
    if (suite is "api-pg" or "production")
    {
        await ApiBench.RunAsync(rate, TimeSpan.FromSeconds(seconds), servers);
    }

    if (suite is "pgvector" or "production")
    {
        await VectorBench.RunAsync(servers, IntOption(args, "--chunks", 100_000), IntOption(args, "--queries", 210));
    }

    if (suite is "queue" or "production")
    {
        await QueueBench.RunAsync(servers, IntOption(args, "--lessons", 60));
    }
}

return 0;

static int IntOption(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}
