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

    // Blittable arguments only, so no marshalling code is needed.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int param, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
