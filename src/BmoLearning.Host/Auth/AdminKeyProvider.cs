using System.Security.Cryptography;
using BmoLearning.Host.Hosting;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Auth;

/// <summary>
/// The admin key: from configuration (Auth:AdminKey or BMO_ADMIN_KEY) when set; otherwise, on the
/// embedded default, generated once into the data directory and printed at that first start only.
/// </summary>
public sealed class AdminKeyProvider(IOptionsMonitor<AuthOptions> auth, IOptions<BmoOptions> bmo)
{
    public const string FileName = "admin-key";

    private string? _generated;

    public string? Current => string.IsNullOrEmpty(auth.CurrentValue.AdminKey) ? _generated : auth.CurrentValue.AdminKey;

    public string KeyFilePath => Path.Combine(bmo.Value.DataDirFullPath, FileName);

    /// <summary>Loads or creates the generated key; returns it when it was created now, so the caller prints it once.</summary>
    public string? EnsureGeneratedKey()
    {
        if (!string.IsNullOrEmpty(auth.CurrentValue.AdminKey))
        {
            return null;
        }

        if (File.Exists(KeyFilePath))
        {
            _generated = File.ReadAllText(KeyFilePath).Trim();
            return null;
        }

        Directory.CreateDirectory(bmo.Value.DataDirFullPath);
        var key = "bmo_admin_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the owner only: it is a credential.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(KeyFilePath, fileOptions))
        {
            writer.Write(key);
        }

        _generated = key;
        return key;
    }
}
