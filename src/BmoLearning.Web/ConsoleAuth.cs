using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace BmoLearning.Web;

/// <summary>The console's cookie session, its roles and the policies its pages require.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "BmoConsole";
    public const string CookieName = "bmo_console";
    /// <summary>The cookie is sent to console pages only: it can never reach /api/v1, which takes API keys alone.</summary>
    public const string CookiePath = "/admin";

    public const string AdminRole = "admin";
    public const string ManagerRole = "manager";
    public const string ViewerRole = "viewer";

    /// <summary>Any signed-in console user: dashboards.</summary>
    public const string ViewerPolicy = "console-viewer";
    /// <summary>Admins and managers: learners and (read-only for managers) content.</summary>
    public const string StaffPolicy = "console-staff";
    /// <summary>Admins: changes, deliveries and the system page.</summary>
    public const string AdminPolicy = "console-admin";

    public const string SignInPath = "/admin/sign-in";

    /// <summary>One claim per team a manager is mapped to.</summary>
    public const string TeamClaim = "bmo_team";

    public static ClaimsPrincipal Principal(string name, string role, string method, IEnumerable<string>? teams = null) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim("amr", method),
                .. (teams ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => new Claim(TeamClaim, t.Trim())),
            ],
            Scheme));

    /// <summary>
    /// The teams whose learners the user may see: a manager's own teams, narrowed to `requested` when it is one of them;
    /// for admins and viewers `requested` alone (null: every team). Null with `allowed` false when a manager asks for another team.
    /// </summary>
    public static IReadOnlyList<string>? TeamScope(ClaimsPrincipal user, string? requested, out bool allowed)
    {
        allowed = true;
        var team = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        if (!user.IsInRole(ManagerRole) || user.IsInRole(AdminRole))
        {
            return team is null ? null : [team];
        }

        var own = user.FindAll(TeamClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (team is null)
        {
            return own;
        }

        var match = own.FirstOrDefault(t => string.Equals(t, team, StringComparison.OrdinalIgnoreCase));
        allowed = match is not null;
        return match is null ? null : [match];
    }

    /// <summary>Compares a presented key with the configured one as SHA-256 digests in constant time.</summary>
    public static bool KeyMatches(string? presented, string? configured) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    /// <summary>A local URL under /admin, or the overview: never an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/admin";
}

/// <summary>
/// Marks the session cookie Secure unless the request reached a loopback address: behind a load balancer that
/// ends TLS the request arrives as http, and the cookie must still never travel unencrypted.
/// </summary>
internal sealed class LoopbackAwareCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        options.Secure = !IsLoopback(context);
        _inner.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        options.Secure = !IsLoopback(context);
        _inner.DeleteCookie(context, key, options);
    }

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local) && !context.Request.IsHttps;
}
