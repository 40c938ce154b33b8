using System.Runtime.InteropServices;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// The data directory holds learners' personal data (bmo.db and its -wal/-shm), the admin key, signing keys and
/// uploaded documents: everything this process creates is for its own user only (files 0600, folders 0700).
/// SQLite and the job storage create their own files, so the process's file-creation mask is set, not each call.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>New files 0600 and folders 0700 from here on (umask 077). No-op on Windows, where ACLs apply.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(Convert.ToUInt32("077", 8));
        }
    }

    /// <summary>Creates the data directory owner-only, and tightens one that an older version left open.</summary>
    public static void SecureDataDirectory(string dataDir)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(dataDir, OwnerOnlyDirectory);
        Tighten(dataDir, OwnerOnlyDirectory);
        foreach (var directory in Directory.EnumerateDirectories(dataDir, "*", SearchOption.AllDirectories))
        {
            Tighten(directory, OwnerOnlyDirectory);
        }

        foreach (var file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            Tighten(file, OwnerOnlyFile);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode allowed)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~allowed) != 0)
        {
            File.SetUnixFileMode(path, mode & allowed);
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}
