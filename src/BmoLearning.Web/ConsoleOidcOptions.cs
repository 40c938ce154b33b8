using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BmoLearning.Web;

/// <summary>
/// Single sign-on for the console (section Console:Oidc): OpenID Connect authorization code flow with PKCE against
/// Entra ID, Okta or any provider; off while Authority is empty (the embedded default signs in with keys). The
/// provider's group claim decides the role: Console:Oidc:Groups:0:Group=bmo-admins, :Role=admin;
/// Console:Oidc:Groups:1:Group=branch-leads, :Role=manager, :Teams:0=Branch. A user in no mapped group is refused.
/// </summary>
public sealed class ConsoleOidcOptions : IValidatableObject
{
    /// <summary>The issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0 or https://{org}.okta.com/oauth2/default.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From a secret store or environment (Console__Oidc__ClientSecret), never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button: "Sign in with {DisplayName}".</summary>
    [MaxLength(100)]
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The claim that lists the user's groups: `groups` for Entra ID (group object ids) and Okta.</summary>
    [Required]
    public string GroupClaim { get; set; } = "groups";

    /// <summary>Scopes beyond openid and profile, e.g. `groups` for Okta.</summary>
    public List<string> Scopes { get; set; } = [];

    public List<OidcGroupRole> Groups { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority))))
        {
            yield return new ValidationResult("Console:Oidc:Authority must be an https URL (http only on a loopback address, for tests).", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Console:Oidc:ClientId is required when Console:Oidc:Authority is set.", [nameof(ClientId)]);
        }

        if (Groups.Count == 0)
        {
            yield return new ValidationResult("Console:Oidc:Groups must map at least one group to a role, or nobody can sign in.", [nameof(Groups)]);
        }

        foreach (var group in Groups)
        {
            if (string.IsNullOrWhiteSpace(group.Group) || group.Role is not (ConsoleAuth.AdminRole or ConsoleAuth.ManagerRole or ConsoleAuth.ViewerRole))
            {
                yield return new ValidationResult($"Console:Oidc:Groups: group '{group.Group}' needs a Group and a Role of admin, manager or viewer.", [nameof(Groups)]);
            }
            else if (group.Role == ConsoleAuth.ManagerRole && !group.Teams.Any(t => !string.IsNullOrWhiteSpace(t)))
            {
                yield return new ValidationResult($"Console:Oidc:Groups: group '{group.Group}' maps to manager and needs at least one team.", [nameof(Groups)]);
            }
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// The console role of a user in these groups: the strongest mapped role (admin, then manager, then viewer), with
    /// the teams of every manager mapping they match; null when no group is mapped.
    /// </summary>
    public (string Role, IReadOnlyList<string> Teams)? RoleFor(IEnumerable<string> userGroups)
    {
        var matched = Groups.Where(g => userGroups.Contains(g.Group, StringComparer.Ordinal)).ToList();
        if (matched.Count == 0)
        {
            return null;
        }

        var role = matched.Any(g => g.Role == ConsoleAuth.AdminRole) ? ConsoleAuth.AdminRole
            : matched.Any(g => g.Role == ConsoleAuth.ManagerRole) ? ConsoleAuth.ManagerRole
            : ConsoleAuth.ViewerRole;
        var teams = role == ConsoleAuth.ManagerRole
            ? matched.Where(g => g.Role == ConsoleAuth.ManagerRole).SelectMany(g => g.Teams).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList()
            : [];
        return (role, teams);
    }
}

/// <summary>One provider group and the console role (and, for managers, teams) its members get.</summary>
public sealed class OidcGroupRole
{
    public string Group { get; set; } = "";

    public string Role { get; set; } = ConsoleAuth.ViewerRole;

    public List<string> Teams { get; set; } = [];
}
