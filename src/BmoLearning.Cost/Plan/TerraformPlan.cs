using System.Text.Json;
using System.Text.RegularExpressions;

namespace BmoLearning.Cost.Plan;

/// <summary>The parts of <c>terraform show -json</c> the estimator reads.</summary>
/// <remarks>
/// Resources come from <c>planned_values.root_module</c> and its <c>child_modules</c>, recursively.
/// Many attributes (ARNs, ids) are unknown before apply and missing from <c>values</c>; joins
/// between resources then use the <c>references</c> that <c>configuration</c> records.
/// </remarks>
internal sealed partial class TerraformPlan
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, List<PlanResource>> _byType = new(StringComparer.Ordinal);

    private TerraformPlan(JsonElement root, List<PlanResource> resources)
    {
        _root = root;
        Resources = resources;
        foreach (var r in resources)
        {
            if (!_byType.TryGetValue(r.Type, out var list))
            {
                _byType[r.Type] = list = [];
            }

            list.Add(r);
        }
    }

    public IReadOnlyList<PlanResource> Resources { get; }

    public static TerraformPlan Parse(JsonDocument plan)
    {
        var root = plan.RootElement;
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("planned_values", out var planned) ||
            planned.ValueKind != JsonValueKind.Object)
        {
            throw new CostInputException(
                "not a Terraform plan: no planned_values object. Produce one with `terraform show -json PLANFILE` (infrastructure/terraform/scripts/plan-json.sh).");
        }

        var resources = new List<PlanResource>();
        if (planned.TryGetProperty("root_module", out var rootModule) && rootModule.ValueKind == JsonValueKind.Object)
        {
            Collect(rootModule, "", resources);
        }

        return new TerraformPlan(root, resources);
    }

    public IReadOnlyList<PlanResource> OfType(string type) =>
        _byType.TryGetValue(type, out var list) ? list : [];

    public IEnumerable<PlanResource> OfTypes(params string[] types) => types.SelectMany(OfType);

    /// <summary>The region from the root variable <c>region</c>, or the provider's constant region.</summary>
    public string? Region
    {
        get
        {
            if (_root.TryGetProperty("variables", out var vars) &&
                vars.TryGetProperty("region", out var region) &&
                region.TryGetProperty("value", out var value) &&
                value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            if (_root.TryGetProperty("configuration", out var config) &&
                config.TryGetProperty("provider_config", out var providers) &&
                providers.TryGetProperty("aws", out var aws) &&
                aws.TryGetProperty("expressions", out var expr) &&
                expr.TryGetProperty("region", out var r) &&
                r.TryGetProperty("constant_value", out var constant) &&
                constant.ValueKind == JsonValueKind.String)
            {
                return constant.GetString();
            }

            return null;
        }
    }

    /// <summary>A known root output value, e.g. <c>alb_availability_zone_count</c>.</summary>
    public JsonElement? Output(string name)
    {
        if (_root.TryGetProperty("planned_values", out var planned) &&
            planned.TryGetProperty("outputs", out var outputs) &&
            outputs.TryGetProperty(name, out var output) &&
            output.TryGetProperty("value", out var value))
        {
            return value;
        }

        return null;
    }

    /// <summary>
    /// Resources of <paramref name="targetTypes"/> that <paramref name="from"/>'s attribute refers to,
    /// in the same module, as recorded in <c>configuration</c>. <c>[each.key]</c> / <c>[count.index]</c>
    /// references resolve to the instance with the same key as <paramref name="from"/>.
    /// </summary>
    public IReadOnlyList<PlanResource> Referenced(PlanResource from, string attribute, params string[] targetTypes)
    {
        var references = ConfigReferences(from, attribute);
        if (references.Count == 0)
        {
            return [];
        }

        var sameKey = references.Contains("each.key") || references.Contains("count.index");
        var found = new List<PlanResource>();
        foreach (var reference in references)
        {
            var m = ReferencePattern().Match(reference);
            if (!m.Success || !targetTypes.Contains(m.Groups["type"].Value, StringComparer.Ordinal))
            {
                continue;
            }

            var candidates = OfType(m.Groups["type"].Value)
                .Where(r => r.ModuleAddress == from.ModuleAddress && r.Name == m.Groups["name"].Value)
                .ToList();
            if (m.Groups["index"].Success)
            {
                var literal = m.Groups["index"].Value.Trim('"');
                if (literal is not ("each.key" or "count.index"))
                {
                    candidates = candidates.Where(r => r.Index == literal).ToList();
                }
                else
                {
                    candidates = candidates.Where(r => r.Index == from.Index).ToList();
                }
            }
            else if (candidates.Count > 1 && sameKey)
            {
                candidates = candidates.Where(r => r.Index == from.Index).ToList();
            }

            if (candidates.Count == 1 && !found.Contains(candidates[0]))
            {
                found.Add(candidates[0]);
            }
        }

        return found;
    }

    private List<string> ConfigReferences(PlanResource from, string attribute)
    {
        var refs = new List<string>();
        if (!_root.TryGetProperty("configuration", out var config) ||
            !config.TryGetProperty("root_module", out var module))
        {
            return refs;
        }

        // module.edge.module.waf -> module_calls.edge.module.module_calls.waf.module
        foreach (var segment in from.ModuleConfigPath.Split('.', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "module"))
        {
            if (!module.TryGetProperty("module_calls", out var calls) ||
                !calls.TryGetProperty(segment, out var call) ||
                !call.TryGetProperty("module", out module))
            {
                return refs;
            }
        }

        if (!module.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return refs;
        }

        var address = $"{from.Type}.{from.Name}";
        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.TryGetProperty("address", out var a) && a.GetString() == address &&
                resource.TryGetProperty("expressions", out var expressions) &&
                expressions.TryGetProperty(attribute, out var expression))
            {
                CollectReferences(expression, refs);
            }
        }

        return refs;
    }

    private static void CollectReferences(JsonElement element, List<string> refs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "references" && p.Value.ValueKind == JsonValueKind.Array)
                    {
                        refs.AddRange(p.Value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
                    }
                    else
                    {
                        CollectReferences(p.Value, refs);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectReferences(item, refs);
                }

                break;
        }
    }

    private static void Collect(JsonElement module, string moduleAddress, List<PlanResource> into)
    {
        if (module.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in resources.EnumerateArray())
            {
                if (r.TryGetProperty("mode", out var mode) && mode.GetString() != "managed")
                {
                    continue;
                }

                var address = r.TryGetProperty("address", out var a) ? a.GetString() ?? "" : "";
                var type = r.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                var name = r.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                string? index = null;
                if (r.TryGetProperty("index", out var i))
                {
                    index = i.ValueKind switch
                    {
                        JsonValueKind.String => i.GetString(),
                        JsonValueKind.Number => i.GetRawText(),
                        _ => null,
                    };
                }

                // Some resources have no values at all before apply (every attribute unknown).
                var values = r.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object
                    ? v.Clone()
                    : EmptyObject;
                into.Add(new PlanResource(address, moduleAddress, type, name, index, values));
            }
        }

        if (module.TryGetProperty("child_modules", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                var childAddress = child.TryGetProperty("address", out var ca) ? ca.GetString() ?? "" : "";
                Collect(child, childAddress, into);
            }
        }
    }

    internal static string StripIndexes(string address) => IndexPattern().Replace(address, "");

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    [GeneratedRegex(@"^(?<type>[a-z0-9_]+)\.(?<name>[A-Za-z0-9_-]+)(\[(?<index>[^\]]+)\])?")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex IndexPattern();
}
