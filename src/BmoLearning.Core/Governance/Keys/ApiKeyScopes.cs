namespace BmoLearning.Core.Governance.Keys;

/// <summary>The scopes a managed key may carry.</summary>
public static class ApiKeyScopes
{
    public const string Admin = "admin";
    public const string Integration = "integration";
    /// <summary>Reads /api/v1/analytics only.</summary>
    public const string Analytics = "analytics";

    public static readonly IReadOnlyList<string> All = [Admin, Integration, Analytics];
}
