using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Web;

/// <summary>The console's settings (section "Console").</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A session unused for this long ends; each request inside it extends it.</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>
    /// Named console users who sign in with their own key (besides the admin key), e.g. a team lead as manager:
    /// Console:Users:0:Name=Ana, :Key=..., :Role=manager, :Teams:0=Cards.
    /// </summary>
    public List<ConsoleUser> Users { get; set; } = [];

    /// <summary>OpenID Connect single sign-on; off while Console:Oidc:Authority is empty.</summary>
    public ConsoleOidcOptions Oidc { get; set; } = new();
}

/// <summary>A console user signing in with a key: their role and, for a manager, the teams whose learners they see.</summary>
public sealed class ConsoleUser : IValidatableObject
{
    [Required, MaxLength(200)]
    public string Name { get; set; } = "";

    /// <summary>At least 24 characters, like the admin key.</summary>
    [Required, MinLength(24)]
    public string Key { get; set; } = "";

    [Required]
    public string Role { get; set; } = ConsoleAuth.ViewerRole;

    public List<string> Teams { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Role is not (ConsoleAuth.AdminRole or ConsoleAuth.ManagerRole or ConsoleAuth.ViewerRole))
        {
            yield return new ValidationResult($"Console user {Name}: Role must be admin, manager or viewer.", [nameof(Role)]);
        }

        if (Role == ConsoleAuth.ManagerRole && !Teams.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            yield return new ValidationResult($"Console user {Name}: a manager needs at least one team.", [nameof(Teams)]);
        }
    }
}
