using System.Runtime.InteropServices;

namespace BmoLearning.Ai.Embeddings;

/// <summary>
/// Hands memory ONNX Runtime freed back to the operating system. Without its arena, ONNX Runtime mallocs and frees
/// its activation buffers on every run; glibc keeps freed memory in per-thread arenas (up to eight per core) and
/// rarely returns it, so resident memory rose run after run (docs/benchmarks.md, memory). Fewer arenas and a trim
/// after each batch keep it near the model's own size. Only glibc has these calls; elsewhere this does nothing.
/// </summary>
internal static class NativeMemory
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    private static readonly bool IsGlibc = OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out _);

    /// <summary>Caps glibc's malloc arenas before the inference threads first allocate (each thread would get its own).</summary>
    public static void LimitArenas(int arenas)
    {
        if (IsGlibc)
        {
            _ = MallOpt(ArenaMax, arenas);
        }
    }

    /// <summary>Returns free pages at the top and inside every glibc arena to the operating system.</summary>
    public static void Trim()
    {
        if (IsGlibc)
        {
            _ = MallocTrim(0);
        }
    }

    /// <summary>
    /// Drops from this process's resident set the pages of every read-only mapping of <paramref name="path"/>. The
    /// model ships as a 90 MB resource inside an assembly the runtime maps; reading it once touches every page, and
    /// those file pages count in RSS for the life of the process although nothing reads them again. Read-only
    /// private pages hold nothing but the file's bytes: the kernel rereads them should anything touch them again.
    /// Returns the number of bytes advised.
    /// </summary>
    public static long ReleaseReadOnlyFilePages(string path)
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc || !File.Exists("/proc/self/maps"))
        {
            return 0;
        }

        long released = 0;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset dev inode path"; only mappings that can never have been written.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[5] != path || fields[1].Contains('w', StringComparison.Ordinal))
            {
                continue;
            }

            var range = fields[0].Split('-');
            var start = nuint.Parse(range[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            var end = nuint.Parse(range[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (MAdvise(start, end - start, DontNeed) == 0)
            {
                released += (long)(end - start);
            }
        }

        return released;
    }

    private const int DontNeed = 4; // MADV_DONTNEED

    [DllImport("libc.so.6", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MAdvise(nuint address, nuint length, int advice);

    // Blittable arguments only, so no marshalling code is needed.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int param, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
