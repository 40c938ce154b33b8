namespace BmoLearning.Host.Hosting;

/// <summary>The parts one `bmo serve` process runs. "all" is every role in one process.</summary>
[Flags]
public enum Roles
{
    None = 0,
    Api = 1,
    Ai = 2,
    Worker = 4,
    All = Api | Ai | Worker,
}

public static class RoleNames
{
    public const string ConfigKey = "Bmo:Roles";

    /// <summary>Parses "all", "api", "api,worker", ...; null when any name is unknown.</summary>
    public static Roles? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Roles.All;
        }

        var roles = Roles.None;
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Roles>(name, ignoreCase: true, out var role) || int.TryParse(name, out _))
            {
                return null;
            }

            roles |= role;
        }

        return roles == Roles.None ? null : roles;
    }

    public static IReadOnlyList<string> Names(Roles roles) =>
        new[] { Roles.Api, Roles.Ai, Roles.Worker }.Where(r => roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant()).ToList();
}
