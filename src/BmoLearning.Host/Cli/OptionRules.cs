using System.CommandLine;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Hosting;

namespace BmoLearning.Host.Cli;

/// <summary>
/// Rules for option values, checked by System.CommandLine while parsing (so a bad value is a usage error, exit 2,
/// before any command runs), each written once for every command that takes the option.
/// </summary>
internal static class OptionRules
{
    public const string RoleHint = "Use all, api, ai, worker or a comma-separated list.";

    /// <summary>all, api, ai, worker, or a comma-separated list of them.</summary>
    public static Option<string> AcceptRoles(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (RoleNames.Parse(value) is null)
            {
                result.AddError($"Unknown role '{value}'. {RoleHint}");
            }
        });
        return option;
    }

    /// <summary>A document category by name, in any case (never a number, which Enum.TryParse would take).</summary>
    public static Option<string> AcceptDocumentCategory(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (ParseCategory(value) is null)
            {
                result.AddError($"Unknown category '{value}'. Use lesson, reference, quiz or general.");
            }
        });
        return option;
    }

    /// <summary>A whole number from min to max (inclusive).</summary>
    public static Option<int> AcceptRange(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} must be from {min} to {max}; got {value}.");
            }
        });
        return option;
    }

    public static DocumentCategory? ParseCategory(string? name) =>
        name is not null && !int.TryParse(name, out _) && Enum.TryParse<DocumentCategory>(name, ignoreCase: true, out var category) ? category : null;
}
