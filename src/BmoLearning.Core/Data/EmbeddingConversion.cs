using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BmoLearning.Core.Data;

/// <summary>Stores an embedding as a little-endian float32 BLOB (1,536 bytes for 384 dimensions).</summary>
public static class EmbeddingConversion
{
    public static readonly ValueConverter<float[], byte[]> ToBytes = new(v => Serialize(v), b => Deserialize(b));

    public static readonly ValueComparer<float[]> Comparer = new(
        (a, b) => SameValues(a, b),
        v => v.Length,
        v => v.ToArray());

    public static byte[] Serialize(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] Deserialize(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).ToArray();

    private static bool SameValues(float[]? a, float[]? b) =>
        a is not null && b is not null && a.AsSpan().SequenceEqual(b);
}
