using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Governance.Audit;

namespace BmoLearning.Web.Pages.Admin.Experiments;

/// <summary>
/// Console acts in the audit chain under the same action names the API's middleware records (CreateExperiment...).
/// The actor is a digest of the signed-in name, never the name itself: the chain must hold no personal data.
/// </summary>
internal static class ConsoleAudit
{
    public static Task AppendAsync(AuditLog audit, ClaimsPrincipal user, string action, Guid subject, object? data, CancellationToken ct) =>
        audit.AppendAsync(Actor(user), action, subjectType: "experiment", subject.ToString(), data, ct);

    public static string Actor(ClaimsPrincipal user)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(user.Identity?.Name ?? ""));
        return $"console:{Convert.ToHexStringLower(digest)[..16]}";
    }
}
