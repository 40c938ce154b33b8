using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BmoLearning.Core.Governance.Audit;

/// <summary>The canonical serialisation of an audit entry and its chained SHA-256.</summary>
public static class AuditHashing
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// A fixed field order, instants as UTC ticks (the database may round nothing away: ticks are what is stored)
    /// and JSON string escaping, so the same entry always gives the same bytes on every provider.
    /// </summary>
    public static string Canonical(AuditEntry entry) =>
        new JsonArray(
            entry.Sequence,
            entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.Actor,
            entry.Action,
            entry.SubjectType,
            entry.SubjectId,
            entry.Data,
            entry.PreviousHash).ToJsonString();

    public static string ComputeHash(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(entry))));

    /// <summary>Details as JSON with keys sorted at every level, so equal details hash equally.</summary>
    public static string CanonicalData(object? data)
    {
        if (data is null)
        {
            return "{}";
        }

        var node = JsonSerializer.SerializeToNode(data, data.GetType(), JsonSerializerOptions.Web);
        return Sort(node)?.ToJsonString() ?? "{}";
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
