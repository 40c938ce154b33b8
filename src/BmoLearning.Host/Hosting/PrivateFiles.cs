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
        if ((File.GetUnixFileMode(dataDir) & ~OwnerOnlyDirectory) != 0)
        {
            File.SetUnixFileMode(dataDir, OwnerOnlyDirectory);
        }

        foreach (var file in Directory.EnumerateFiles(dataDir))
        {
            if ((File.GetUnixFileMode(file) & ~OwnerOnlyFile) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}
