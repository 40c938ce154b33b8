using System.Globalization;
using System.Text.Json;

namespace BmoLearning.Cost.Plan;

/// <summary>One managed resource instance from <c>planned_values</c>.</summary>
/// <param name="Address">Full address, e.g. <c>module.ecs.aws_ecs_service.this["app"]</c>.</param>
/// <param name="ModuleAddress">Module instance address (<c>module.edge.module.waf[0]</c>), empty for the root.</param>
/// <param name="Index">The <c>count</c> index or <c>for_each</c> key as text, or null.</param>
/// <param name="Values">Known attribute values; an empty object when the plan has no <c>values</c> key.</param>
internal sealed record PlanResource(
    string Address,
    string ModuleAddress,
    string Type,
    string Name,
    string? Index,
    JsonElement Values)
{
    /// <summary>The module path without instance keys, as <c>configuration</c> names it.</summary>
    public string ModuleConfigPath => TerraformPlan.StripIndexes(ModuleAddress);

    public string? String(string name) =>
        Values.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool? Bool(string name) => Values.TryGetProperty(name, out var v) ? AsBool(v) : null;

    public decimal? Number(string name) => Values.TryGetProperty(name, out var v) ? AsNumber(v) : null;

    /// <summary>First element of a nested block list (<c>runtime_platform[0]</c>), if any.</summary>
    public JsonElement? Block(string name) =>
        Values.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0] : null;

    /// <summary>Elements of a nested block list or list attribute; empty when absent or unknown.</summary>
    public IEnumerable<JsonElement> List(string name) =>
        Values.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>Whether the attribute is present in <c>values</c> (absent usually means unknown until apply).</summary>
    public bool Has(string name) => Values.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    internal static bool? AsBool(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // Some provider attributes are strings ("true"/"false") in the plan.
        JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
        _ => null,
    };

    internal static decimal? AsNumber(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    internal static string? AsString(JsonElement? v) =>
        v is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
