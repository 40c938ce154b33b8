using System.CommandLine;
using BmoLearning.Host.Hosting;

namespace BmoLearning.Host.Cli;

public static class ServeCommand
{
    private static readonly Option<string> RoleOption = new Option<string>("--role")
    {
        Description = "Roles to run: all, api, ai, worker, or a comma-separated list.",
        DefaultValueFactory = _ => "all",
    }.AcceptRoles();

    private static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = $"Addresses to listen on. Default: {BmoOptions.DefaultUrl}",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the platform (every role by default) on the embedded default or the configured database.")
        {
            RoleOption,
            UrlsOption,
            BmoCommandLine.DataDirOption,
        };
        // Extra `--Section:Key=value` switches pass through as configuration.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            var role = parse.GetValue(RoleOption)!;
            if (BmoCommandLine.ConfigurationArgs(parse) is not { } args)
            {
                return Task.FromResult(2);
            }

            args.Add($"--{RoleNames.ConfigKey}={role}");
            if (parse.GetValue(UrlsOption) is { } urls)
            {
                args.Add($"--urls={urls}");
            }

            return RunAsync(args.ToArray(), ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(string[] configurationArgs, CancellationToken ct)
    {
        var app = BmoWebApp.Build(configurationArgs);
        var roles = app.Services.GetRequiredService<RoleSelection>().Roles;

        // Before StartAsync: the host would log a failed start with the whole trace before rethrowing.
        ConfigurationValidation.ThrowIfInvalid(app.Services, serving: true);
        await app.StartAsync(ct);
        var url = app.Urls.FirstOrDefault() ?? BmoOptions.DefaultUrl;
        Console.WriteLine($"BMO Learning ({string.Join(", ", RoleNames.Names(roles))}) listening on {string.Join(", ", app.Urls)}");
        if (roles.HasFlag(Roles.Api))
        {
            Console.WriteLine($"API docs: {url}/docs   OpenAPI: {url}/openapi/v1.json   Jobs: {url}/hangfire");
        }

        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
