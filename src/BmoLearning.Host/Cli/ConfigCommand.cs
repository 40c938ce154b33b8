using System.CommandLine;
using System.Text.RegularExpressions;
using BmoLearning.Host.Hosting;

namespace BmoLearning.Host.Cli;

/// <summary>`bmo config check [--role R]`: the configuration a role would start with, validated, secrets masked.</summary>
public static partial class ConfigCommand
{
    public const string Masked = "****** (masked)";

    // Only the application's own sections: the rest of the environment (PATH, HOME, ...) is not configuration.
    private static readonly string[] Sections =
    [
        "Bmo", "Database", "Redis", "Jobs", "Auth", "RateLimit", "Delivery", "Storage", "Retrieval", "Generation",
        "Ai", "AiService", "Twilio", "Slack", "Smtp", "urls",
    ];

    private static readonly Option<string> RoleOption = new Option<string>("--role")
    {
        Description = "Roles to check as `bmo serve --role` would run them: all, api, ai, worker, or a comma-separated list.",
        DefaultValueFactory = _ => "all",
    }.AcceptRoles();

    public static Command Create()
    {
        var check = new Command("check", "Validate the effective configuration for a role without starting it; print it with every secret masked. Exits 0 when valid, 78 when not.")
        {
            RoleOption,
            BmoCommandLine.DataDirOption,
        };
        check.TreatUnmatchedTokensAsErrors = false;
        check.SetAction(async (parse, ct) =>
        {
            var role = parse.GetValue(RoleOption)!;
            if (BmoCommandLine.ConfigurationArgs(parse) is not { } args)
            {
                return 2;
            }

            args.Add($"--{RoleNames.ConfigKey}={role}");
            return await CheckAsync(args.ToArray());
        });

        return new Command("config", "Inspect the configuration.") { check };
    }

    private static async Task<int> CheckAsync(string[] configurationArgs)
    {
        var builder = BmoWebApp.CreateBuilder(configurationArgs, out var roles);
        await using var app = builder.Build();

        var secrets = new List<string>();
        var lines = new List<string> { $"Effective configuration for role(s) {string.Join(", ", RoleNames.Names(roles))}:" };
        foreach (var (key, value) in builder.Configuration.AsEnumerable()
                     .Where(kv => kv.Value is not null && IsApplicationKey(kv.Key))
                     .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add($"  {key} = {Mask(key, value!, secrets)}");
        }

        var problems = ConfigurationValidation.Validate(app.Services, serving: true);
        if (problems.Count == 0)
        {
            var database = app.Services.GetRequiredService<DatabaseTarget>();
            var jobs = app.Services.GetRequiredService<SelectedJobStorage>();
            lines.Add($"Database: {database.Describe()}");
            lines.Add($"Job storage: {jobs.Kind.ToString().ToLowerInvariant()}");
        }

        // Belt and braces: a secret value copied into a key that is not named like one is masked as well.
        foreach (var line in lines)
        {
            Console.WriteLine(secrets.Where(s => s.Length >= 4).Aggregate(line, (l, s) => l.Replace(s, Masked, StringComparison.Ordinal)));
        }

        if (problems.Count == 0)
        {
            Console.WriteLine("Configuration is valid.");
            return 0;
        }

        var errors = problems.SelectMany(p => ConfigurationErrors.Describe(p) ?? [$"Configuration error: {p.Message}"]).Distinct().ToList();
        return ConfigurationErrors.Report(errors);
    }

    private static bool IsApplicationKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var section = colon < 0 ? key : key[..colon];
        return Sections.Contains(section, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whole values of secret keys; the password inside a URL or connection string of any other key.</summary>
    public static string Mask(string key, string value, List<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(secrets);
        if (value.Length == 0)
        {
            return value;
        }

        var name = key[(key.LastIndexOf(':') + 1)..].ToLowerInvariant();
        if (IsSecretName(name))
        {
            secrets.Add(value);
            return Masked;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            var password = uri.UserInfo[(colon + 1)..];
            if (password.Length > 0)
            {
                secrets.Add(password);
                secrets.Add(Uri.UnescapeDataString(password));
                var at = value.IndexOf(uri.UserInfo + "@", StringComparison.Ordinal);
                if (at >= 0)
                {
                    value = string.Concat(value.AsSpan(0, at), uri.UserInfo.AsSpan(0, colon + 1), "******", value.AsSpan(at + uri.UserInfo.Length));
                }
            }
        }

        return EmbeddedPassword().Replace(value, m =>
        {
            secrets.Add(m.Groups["value"].Value);
            return $"{m.Groups["name"].Value}=******";
        });
    }

    private static bool IsSecretName(string name) =>
        (name.Contains("key", StringComparison.Ordinal) && name != "keyprefix")
        || name.Contains("secret", StringComparison.Ordinal)
        || name.Contains("token", StringComparison.Ordinal)
        || name.Contains("password", StringComparison.Ordinal)
        || name is "pwd";

    // Npgsql connection strings (Password=...;) and StackExchange.Redis configuration (host:6379,password=...).
    [GeneratedRegex(@"(?<name>password|pwd)\s*=\s*(?<value>[^;,]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedPassword();
}
