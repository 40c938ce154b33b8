using System.Security.Cryptography;
using System.Text;

namespace BmoLearning.Learning.Experiments;

/// <summary>One arm of an experiment; weights are whole percentages and an experiment's must sum to 100.</summary>
public sealed record Variant(string Name, int Weight);

/// <summary>A reason a definition is refused, named by the field it concerns (for a 422 ProblemDetails).</summary>
public sealed record DefinitionError(string Field, string Reason);

/// <summary>
/// Stable assignment: SHA-256 of the experiment's salt and the learner id picks a bucket in 0..9,999, and the
/// buckets are split by the variant weights in declaration order. A pure function of its inputs, so it is the
/// same in every process and after restarts; different salts give independent assignments.
/// </summary>
public static class VariantAssignment
{
    /// <summary>Buckets per 100% of weight; 10,000 leaves each 1% of weight 100 buckets.</summary>
    public const int Buckets = 10_000;

    /// <summary>Everything wrong with a variant list (empty when it is valid).</summary>
    public static IReadOnlyList<DefinitionError> Validate(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var errors = new List<DefinitionError>();
        if (variants.Count < 2)
        {
            errors.Add(new("variants", "An experiment needs at least two variants."));
        }

        for (var i = 0; i < variants.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(variants[i].Name))
            {
                errors.Add(new($"variants[{i}].name", "A variant needs a name."));
            }

            if (variants[i].Weight is < 1 or > 99)
            {
                errors.Add(new($"variants[{i}].weight", $"Weight {variants[i].Weight} is outside 1–99 (whole percent)."));
            }
        }

        var duplicates = variants.GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add(new("variants", $"Variant names must be distinct: {string.Join(", ", duplicates)} repeated."));
        }

        var total = variants.Sum(v => (long)v.Weight);
        if (variants.Count > 0 && total != 100)
        {
            errors.Add(new("variants", $"Variant weights must sum to 100; they sum to {total}."));
        }

        return errors;
    }

    /// <summary>The bucket (0..9,999) of a learner in an experiment.</summary>
    public static int Bucket(string salt, string learnerId)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(learnerId);
        // Length prefix so ("ab", "c") and ("a", "bc") never hash the same input.
        var input = Encoding.UTF8.GetBytes($"{salt.Length}:{salt}|{learnerId}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash);
        // 2^64 mod 10,000 is tiny against 2^64: the modulo bias is below 1e-15.
        return (int)(value % Buckets);
    }

    /// <summary>The variant a learner receives; throws <see cref="ArgumentException"/> for an invalid variant list.</summary>
    public static Variant Assign(string salt, string learnerId, IReadOnlyList<Variant> variants)
    {
        var errors = Validate(variants);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(variants));
        }

        var bucket = Bucket(salt, learnerId);
        var upper = 0;
        foreach (var variant in variants)
        {
            upper += variant.Weight * (Buckets / 100);
            if (bucket < upper)
            {
                return variant;
            }
        }

        return variants[^1];
    }
}
