using System.Text.RegularExpressions;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Delivery.Email;
using BmoLearning.Delivery.Slack;
using BmoLearning.Delivery.Sms;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Hosting;
using BmoLearning.Host.RateLimiting;
using BmoLearning.Host.Redis;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Cli;

/// <summary>
/// Turns configuration failures (options validation, an unreadable value, a bad DATABASE_URL) into one line per
/// problem naming the key, why it matters and how to set it, for exit code 78 (EX_CONFIG) without a stack trace.
/// </summary>
public static partial class ConfigurationErrors
{
    /// <summary>EX_CONFIG from sysexits.h: a configuration error, distinct from bad arguments (2) and failures (1).</summary>
    public const int ExitCode = 78;

    // Which section each options class binds, to name a data-annotation failure by its full key.
    private static readonly Dictionary<Type, string> Sections = new()
    {
        [typeof(BmoOptions)] = BmoOptions.Section,
        [typeof(DatabaseOptions)] = DatabaseOptions.Section,
        [typeof(JobsOptions)] = JobsOptions.Section,
        [typeof(RedisOptions)] = RedisOptions.Section,
        [typeof(RateLimitOptions)] = RateLimitOptions.Section,
        [typeof(AuthOptions)] = AuthOptions.Section,
        [typeof(RetrievalOptions)] = RetrievalOptions.Section,
        [typeof(GenerationOptions)] = GenerationOptions.Section,
        [typeof(StorageOptions)] = StorageOptions.Section,
        [typeof(BmoLearning.Ai.Storage.S3StorageOptions)] = BmoLearning.Ai.Storage.S3StorageOptions.Section,
        [typeof(DeliveryOptions)] = DeliveryOptions.Section,
        [typeof(LlmOptions)] = LlmOptions.Section,
        [typeof(AiServiceOptions)] = AiServiceOptions.Section,
        [typeof(SlackOptions)] = SlackOptions.Section,
        [typeof(TwilioOptions)] = TwilioOptions.Section,
        [typeof(SmtpOptions)] = SmtpOptions.Section,
    };

    /// <summary>One line per problem, or null when <paramref name="exception"/> is not (only) a configuration error.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var problems = new List<Problem>();
        if (!Collect(exception, problems))
        {
            return null;
        }

        // One line per setting: where a generic rule ("minimum length of 32") and our own rule that says why both
        // fail for the same key, keep ours.
        return problems
            .GroupBy(p => p.Key ?? p.Line, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(p => p.Explained).First().Line)
            .Distinct()
            .ToList();
    }

    private sealed record Problem(string? Key, string Line, bool Explained);

    /// <summary>Prints the lines to stderr and returns <see cref="ExitCode"/>.</summary>
    public static int Report(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        return ExitCode;
    }

    private static bool Collect(Exception exception, List<Problem> problems)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                return aggregate.Flatten().InnerExceptions.All(inner => Collect(inner, problems));
            case OptionsValidationException options:
                problems.AddRange(options.Failures.Select(f => Failure(options.OptionsType, f)));
                return true;
            case BmoConfigurationException configuration:
                problems.Add(new Problem(null, Line(configuration.Message), Explained: true));
                return true;
            case InvalidOperationException when ConversionFailure().Match(exception.Message) is { Success: true } m:
                // The binder's message quotes the value, which may be a secret: name only the key and the type.
                var key = m.Groups["key"].Value;
                problems.Add(new Problem(key, Line($"{key}{Alias(key)} cannot be read as {FriendlyType(m.Groups["type"].Value)}. {HowToSet(key)}"), Explained: true));
                return true;
            default:
                return exception.InnerException is { } inner && Collect(inner, problems);
        }
    }

    private static Problem Failure(Type optionsType, string failure)
    {
        var m = DataAnnotationFailure().Match(failure);
        if (!m.Success)
        {
            // Our own Validate(...) messages start with the key they are about and say why it matters.
            var named = LeadingKey().Match(failure);
            return new Problem(named.Success ? named.Value : null, Line(failure), Explained: true);
        }

        var key = Sections.TryGetValue(optionsType, out var section)
            ? $"{section}:{m.Groups["member"].Value.Replace('.', ':')}"
            : m.Groups["member"].Value;
        return new Problem(key, Line($"{key}{Alias(key)}: {m.Groups["error"].Value.TrimEnd('.')}. {HowToSet(key)}"), Explained: false);
    }

    private static string Line(string message) =>
        "Configuration error: " + string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Alias(string key) => SeedEnvironment.VariableFor(key) is { } variable ? $" ({variable})" : string.Empty;

    private static string HowToSet(string key) =>
        $"Set it in appsettings.json, as the environment variable {(SeedEnvironment.VariableFor(key) ?? key.Replace(":", "__", StringComparison.Ordinal))} or as --{key}=VALUE.";

    private static string FriendlyType(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration (hh:mm:ss)",
        _ when type.StartsWith("System.Nullable`1[[System.Int32", StringComparison.Ordinal) => "a whole number",
        _ when type.StartsWith("System.Nullable`1[[System.Boolean", StringComparison.Ordinal) => "true or false",
        _ => type,
    };

    [GeneratedRegex(@"^[A-Za-z]+(?::[A-Za-z0-9]+)+")]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value(?: '.*')? at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
