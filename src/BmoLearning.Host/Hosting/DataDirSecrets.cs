using System.Security.Cryptography;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Secrets the embedded default makes for itself when configuration gives none (admin key, URL-signing
/// keys): random, written once into the data directory, readable by the owner only.
/// </summary>
public static class DataDirSecrets
{
    /// <returns>The secret, and whether it was created by this call.</returns>
    public static (string Value, bool Created) GetOrCreate(string dataDir, string fileName, string prefix = "")
    {
        var path = Path.Combine(dataDir, fileName);
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), false);
        }

        Directory.CreateDirectory(dataDir);
        var value = prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(value);
            return (value, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return (File.ReadAllText(path).Trim(), false);
        }
    }
}
