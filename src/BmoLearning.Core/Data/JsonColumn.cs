using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data;

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Maps a dictionary property to one JSON text column, compared by value.</summary>
    public static PropertyBuilder<Dictionary<TKey, TValue>> HasJsonConversion<TKey, TValue>(this PropertyBuilder<Dictionary<TKey, TValue>> property)
        where TKey : notnull =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<Dictionary<TKey, TValue>>(s, Options) ?? new Dictionary<TKey, TValue>(),
            new ValueComparer<Dictionary<TKey, TValue>>(
                (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.Key, x.Value)),
                v => new Dictionary<TKey, TValue>(v)));

    /// <summary>Maps a list property to one JSON text column, compared by value.</summary>
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<List<T>>(s, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a != null && b != null && a.SequenceEqual(b),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));
}
