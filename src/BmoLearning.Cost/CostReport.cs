namespace BmoLearning.Cost;

/// <summary>A priced plan: line items, what was not priced and why, problems found, and the total.</summary>
public sealed record CostReport(
    DateOnly PriceTableDate,
    string? Region,
    IReadOnlyList<CostLineItem> LineItems,
    IReadOnlyList<UnpricedResource> NotPriced,
    IReadOnlyList<CostProblem> Problems,
    IReadOnlyList<CostAssumption> Assumptions)
{
    /// <summary>Sum of the line items, each already rounded to the cent, so the table adds up.</summary>
    public decimal MonthlyTotal => LineItems.Sum(i => i.Monthly);

    /// <summary>The part that depends on usage assumptions rather than on the plan alone.</summary>
    public decimal UsageBasedTotal => LineItems.Where(i => i.UsageBased).Sum(i => i.Monthly);
}

/// <summary>One priced cost component of one resource (or of a group of same-type resources).</summary>
public sealed record CostLineItem(
    string Address,
    string Service,
    string Description,
    decimal Quantity,
    string Unit,
    decimal UnitPrice,
    bool UsageBased)
{
    /// <summary>Quantity × unit price, rounded to the cent (half away from zero).</summary>
    public decimal Monthly { get; } = Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Why a resource has no line item.</summary>
public enum UnpricedKind
{
    /// <summary>AWS does not charge for it (or it is inside a free allowance stated in the reason).</summary>
    Free,

    /// <summary>Charged only while used on demand (for example a one-off task definition).</summary>
    BilledWhenUsed,

    /// <summary>AWS charges for it, but the price table has no figure: the total leaves it out.</summary>
    NotInPriceTable,
}

public sealed record UnpricedResource(string Address, string Type, UnpricedKind Kind, string Reason);

/// <summary>Something wrong with the plan itself, or a cost the total cannot include.</summary>
public sealed record CostProblem(string Address, string Message);

/// <summary>A usage value or convention the total depends on.</summary>
public sealed record CostAssumption(string Key, string Value, string? Note);
