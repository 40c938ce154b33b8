using System.CommandLine;
using System.CommandLine.Invocation;

namespace BmoLearning.Host.Cli;

/// <summary>The `bmo` command line: serve, migrate, seed, ingest, cost, probe, verify, config check.</summary>
public static class BmoCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCommandAsync(args);
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } lines)
        {
            // A configuration error is the operator's to fix: one line naming the setting, no stack trace.
            return ConfigurationErrors.Report(lines);
        }
    }

    private static async Task<int> RunCommandAsync(string[] args)
    {
        // Only `--key=value` settings (as test hosts pass them): serve with them as configuration.
        if (args.Length > 0 && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))
        {
            return await ServeCommand.RunAsync(args, CancellationToken.None);
        }

        var root = new RootCommand("BMO Learning: microlearning for bank staff, generated from your own documents.")
        {
            ServeCommand.Create(),
            DataCommands.CreateMigrate(),
            DataCommands.CreateSeed(),
            DataCommands.CreateIngest(),
            CostCommand.Create(),
            ProbeCommand.Create(),
            VerifyCommand.Create(),
            ConfigCommand.Create(),
            AuditCommand.Create(),
            DemoDataCommand.Create(),
            KeysCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Usage errors exit 2 like every other bad argument (System.CommandLine's default is 1).
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run `bmo --help` for usage.");
            return 2;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    public static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = "Directory for the embedded default's state (SQLite database, files, jobs). Default: ./data",
    };

    /// <summary>
    /// Turns common options into configuration switches (`--Bmo:DataDir=...`) and passes extra `--Section:Key=value`
    /// switches through; null (after saying why) when another extra token is present.
    /// </summary>
    public static List<string>? ConfigurationArgs(ParseResult parse)
    {
        if (parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) || !t.Contains('=', StringComparison.Ordinal)) is { } unknown)
        {
            Console.Error.WriteLine($"Unrecognized argument '{unknown}'. Settings are passed as --Section:Key=value.");
            return null;
        }

        var args = new List<string>();
        if (parse.GetValue(DataDirOption) is { } dataDir)
        {
            args.Add($"--Bmo:DataDir={dataDir}");
        }

        args.AddRange(parse.UnmatchedTokens);
        return args;
    }
}
