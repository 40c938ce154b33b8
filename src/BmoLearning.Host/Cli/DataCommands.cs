using System.CommandLine;
using System.Diagnostics;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Errors;
using BmoLearning.Host.Hosting;
using Spectre.Console;

namespace BmoLearning.Host.Cli;

/// <summary>`bmo migrate`, `bmo seed` and `bmo ingest PATH`.</summary>
public static class DataCommands
{
    private static readonly Argument<string> PathArgument = new("path") { Description = "A file or folder (searched recursively) of PDF, Word (.docx), HTML, Markdown or text documents." };

    private static readonly Option<string> CategoryOption = new Option<string>("--category")
    {
        Description = "Document category: lesson, reference, quiz or general.",
        DefaultValueFactory = _ => "general",
    }.AcceptDocumentCategory();

    public static Command CreateMigrate()
    {
        var command = new Command("migrate", "Apply database migrations for the configured database (idempotent; safe to run twice at once).")
        {
            BmoCommandLine.DataDirOption,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, async (services, token) =>
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s).");
            return 0;
        }, ct));
        return command;
    }

    public static Command CreateSeed()
    {
        var command = new Command("seed", "Load the starter knowledge base (unchanged documents are skipped).") { BmoCommandLine.DataDirOption };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, async (services, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            IReadOnlyList<BmoLearning.Core.Adaptive.Course> courses;
            try
            {
                // Courses first: a refused course file stops the seed before any document is loaded.
                courses = await services.GetRequiredService<StarterCourses>().LoadAsync(token);
            }
            catch (CourseFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return 65; // EX_DATAERR
            }

            var results = await services.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, token);
            AnsiConsole.MarkupLine($"Courses: {courses.Count} ({Markup.Escape(string.Join(", ", courses.Select(c => c.Title)))}).");
            return Summarize(results.Select(r => (r.Title, r)).ToList());
        }, ct));
        return command;
    }

    public static Command CreateIngest()
    {
        var command = new Command("ingest", "Add documents to the knowledge base.") { PathArgument, CategoryOption, BmoCommandLine.DataDirOption };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            var category = OptionRules.ParseCategory(parse.GetValue(CategoryOption))!.Value;

            var path = parse.GetValue(PathArgument)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"No file or folder at '{path}'.");
                return Task.FromResult(2);
            }

            return RunAsync(parse, async (services, token) =>
            {
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
                var ingestor = services.GetRequiredService<FileIngestor>();
                var files = FileIngestor.FindFiles(path);
                var results = await IngestWithProgressAsync(ingestor, files, category, token);
                return Summarize(results);
            }, ct);
        });
        return command;
    }

    private static async Task<List<(string File, IngestionResult Result)>> IngestWithProgressAsync(
        FileIngestor ingestor, IReadOnlyList<string> files, DocumentCategory category, CancellationToken ct)
    {
        var results = new List<(string, IngestionResult)>();
        var stopwatch = Stopwatch.StartNew();
        var embedded = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Ingesting", maxValue: Math.Max(1, files.Count));
                foreach (var file in files)
                {
                    var result = await ingestor.IngestFileAsync(file, "file:" + file, category, ct);
                    results.Add((file, result));
                    embedded += result.EmbeddedCount;
                    var rate = embedded / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds);
                    task.Description = $"{results.Count}/{files.Count} files, {results.Sum(r => r.Item2.ChunkCount)} chunks, {rate:0} embeddings/s";
                    task.Increment(1);
                }
            });
        return results;
    }

    /// <summary>A table of what happened to each document; exit code 1 when any failed.</summary>
    private static int Summarize(IReadOnlyList<(string Name, IngestionResult Result)> results)
    {
        var table = new Table().AddColumns("Document", "Outcome", "Chunks", "Reason");
        foreach (var (name, result) in results)
        {
            var outcome = result.Outcome switch
            {
                IngestionOutcome.Processed => "[green]processed[/]",
                IngestionOutcome.Unchanged => "[grey]skipped (unchanged)[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(Markup.Escape(Path.GetFileName(name)), outcome, result.ChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(result.Error ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var processed = results.Count(r => r.Result.Outcome == IngestionOutcome.Processed);
        var unchanged = results.Count(r => r.Result.Outcome == IngestionOutcome.Unchanged);
        var failed = results.Count(r => r.Result.Outcome == IngestionOutcome.Failed);
        AnsiConsole.MarkupLine($"Processed [green]{processed}[/], skipped unchanged [grey]{unchanged}[/], failed [red]{failed}[/].");
        return failed > 0 ? 1 : 0;
    }

    /// <summary>Builds a host without a web server for one command and reports failures plainly.</summary>
    internal static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct, Action<IServiceCollection>? replace = null)
    {
        var name = parse.CommandResult.Command.Name;
        if (BmoCommandLine.ConfigurationArgs(parse) is not { } args)
        {
            return 2;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddSeedEnvironmentVariables();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        replace?.Invoke(builder.Services);
        using var host = builder.Build();
        ConfigurationValidation.ThrowIfInvalid(host.Services, serving: false);
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            return await action(scope.ServiceProvider, ct);
        }
        catch (Exception ex) when (DependencyUnavailableExceptionHandler.IsDependencyOutage(ex))
        {
            var target = scope.ServiceProvider.GetRequiredService<DatabaseTarget>();
            Console.Error.WriteLine($"{name} failed: cannot connect to {target.Describe()}: {Innermost(ex).Message}");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ConfigurationErrors.Describe(ex) is null)
        {
            Console.Error.WriteLine($"{name} failed: {ex.Message}");
            return 1;
        }
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
