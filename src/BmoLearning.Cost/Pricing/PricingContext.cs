using BmoLearning.Cost.Plan;

namespace BmoLearning.Cost.Pricing;

/// <summary>What the pricers share: the plan, the usage file, and the report being built.</summary>
internal sealed class PricingContext(TerraformPlan plan, UsageAssumptions usage)
{
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly List<string> _usedKeys = [];

    public TerraformPlan Plan { get; } = plan;

    public UsageAssumptions Usage { get; } = usage;

    public List<CostLineItem> Items { get; } = [];

    public List<UnpricedResource> NotPriced { get; } = [];

    public List<CostProblem> Problems { get; } = [];

    public IReadOnlyList<string> UsedUsageKeys => _usedKeys;

    public bool IsHandled(PlanResource r) => _handled.Contains(r.Address);

    /// <summary>A line that follows from the plan alone (no usage value).</summary>
    public void Fixed(PlanResource r, string service, string description, decimal quantity, string unit, decimal unitPrice)
    {
        Items.Add(new CostLineItem(r.Address, service, description, quantity, unit, unitPrice, UsageBased: false));
        _handled.Add(r.Address);
    }

    /// <summary>A line whose quantity comes from the usage file (<paramref name="usageKey"/>).</summary>
    public void FromUsage(string address, string service, string description, decimal quantity, string unit, decimal unitPrice, string usageKey)
    {
        Items.Add(new CostLineItem(address, service, description, quantity, unit, unitPrice, UsageBased: true));
        UseKey(usageKey);
    }

    public void UseKey(string usageKey)
    {
        if (!_usedKeys.Contains(usageKey))
        {
            _usedKeys.Add(usageKey);
        }
    }

    public void Handled(PlanResource r) => _handled.Add(r.Address);

    public void Unpriced(PlanResource r, UnpricedKind kind, string reason)
    {
        if (_handled.Add(r.Address))
        {
            NotPriced.Add(new UnpricedResource(r.Address, r.Type, kind, reason));
        }
    }

    public void Problem(string address, string message) => Problems.Add(new CostProblem(address, message));

    /// <summary>One address for a group of same-type resources: the address itself, or <c>module.x.type ×N</c>.</summary>
    public static string GroupAddress(IReadOnlyList<PlanResource> group)
    {
        if (group.Count == 1)
        {
            return group[0].Address;
        }

        var modules = group.Select(r => r.ModuleAddress).Distinct().ToList();
        var types = group.Select(r => r.Type).Distinct().ToList();
        var type = types.Count == 1 ? types[0] : string.Join("/", types);
        var prefix = modules.Count == 1 && modules[0].Length > 0 ? modules[0] + "." : "";
        return $"{prefix}{type} x{group.Count}";
    }
}
