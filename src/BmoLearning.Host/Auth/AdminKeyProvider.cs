using BmoLearning.Host.Hosting;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Auth;

/// <summary>
/// The admin key: from configuration (Auth:AdminKey or BMO_ADMIN_KEY) when set; otherwise, on the
/// embedded default, generated once into a file in the data directory (owner-only) whose path, never the
/// key, is logged at that first start.
/// </summary>
public sealed class AdminKeyProvider(IOptionsMonitor<AuthOptions> auth, IOptions<BmoOptions> bmo)
{
    public const string FileName = "admin-key";

    private string? _generated;

    public string? Current => string.IsNullOrEmpty(auth.CurrentValue.AdminKey) ? _generated : auth.CurrentValue.AdminKey;

    public string KeyFilePath => Path.Combine(bmo.Value.DataDirFullPath, FileName);

    /// <summary>Loads or creates the generated key; true when it was created now, so the caller says where it is.</summary>
    public bool EnsureGeneratedKey()
    {
        if (!string.IsNullOrEmpty(auth.CurrentValue.AdminKey))
        {
            return false;
        }

        var (key, created) = DataDirSecrets.GetOrCreate(bmo.Value.DataDirFullPath, FileName, "bmo_admin_");
        _generated = key;
        return created;
    }
}
