using System.Globalization;
using System.IO.MemoryMappedFiles;
using BmoLearning.Ai.Embeddings;

namespace BmoLearning.Tests.Embeddings;

/// <summary>
/// The embedding model's file pages are released from RSS after loading (issue 10, memory). Released pages must
/// read back unchanged, and a mapping that may have been written must never be advised (its changes would be lost).
/// </summary>
public sealed class NativeMemoryTests : IDisposable
{
    private const int Size = 8 << 20;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"bmo-native-memory-{Guid.NewGuid():N}.bin");

    public NativeMemoryTests()
    {
        var bytes = new byte[Size];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(_path, bytes);
    }

    [Fact]
    public void Read_only_file_pages_leave_the_resident_set_and_read_back_unchanged()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/self/smaps and madvise are Linux's; elsewhere the call is a no-op.
        }

        using var file = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.Read);
        var before = Checksum(view);
        Assert.True(ResidentKb(_path) > Size / 1024 * 9 / 10, $"touching every page should make the file resident ({ResidentKb(_path)} kB)");

        var released = NativeMemory.ReleaseReadOnlyFilePages(_path);

        Assert.True(released >= Size, $"released {released} bytes");
        Assert.True(ResidentKb(_path) < 256, $"{ResidentKb(_path)} kB still resident");
        Assert.Equal(before, Checksum(view)); // the kernel rereads the file on the next touch
    }

    [Fact]
    public void A_writable_mapping_is_never_advised_and_keeps_its_changes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var file = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
        using var view = file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.CopyOnWrite);
        view.Write(4096, (byte)0x5A);
        view.Write(Size - 1, (byte)0xA5);

        Assert.Equal(0, NativeMemory.ReleaseReadOnlyFilePages(_path));
        Assert.Equal(0x5A, view.ReadByte(4096));
        Assert.Equal(0xA5, view.ReadByte(Size - 1));
    }

    [Fact]
    public void A_path_that_is_not_mapped_releases_nothing() =>
        Assert.Equal(0, NativeMemory.ReleaseReadOnlyFilePages(Path.Combine(Path.GetTempPath(), "not-mapped-anywhere.bin")));

    private static long Checksum(MemoryMappedViewAccessor view)
    {
        long sum = 0;
        for (long offset = 0; offset < Size; offset += 512)
        {
            sum = unchecked((sum * 31) + view.ReadByte(offset));
        }

        return sum;
    }

    private static long ResidentKb(string path)
    {
        long kb = 0;
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingHeader(line))
            {
                inMapping = line.EndsWith(" " + path, StringComparison.Ordinal);
            }
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                kb += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return kb;
    }

    // Mapping headers start "start-end perms ..." (hex range); attribute lines start "Name:".
    private static bool IsMappingHeader(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && line.AsSpan(0, space).Contains('-') && !line.AsSpan(0, space).EndsWith(":");
    }

    public void Dispose() => File.Delete(_path);
}
