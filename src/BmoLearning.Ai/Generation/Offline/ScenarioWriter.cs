namespace BmoLearning.Ai.Generation.Offline;

/// <summary>Short workplace scenarios: a small-business customer whose question the lesson answers.</summary>
internal static class ScenarioWriter
{
    private static readonly (string Person, string Business, string Pronoun)[] Customers =
    [
        ("Priya", "a three-person landscaping company", "She"),
        ("Marcus", "a family-run bakery with two locations", "He"),
        ("Elena", "an independent IT consultancy", "She"),
        ("Tom", "a small plumbing contractor with four vans", "He"),
        ("Aisha", "a boutique event-planning firm", "She"),
        ("Daniel", "a neighbourhood veterinary clinic", "He"),
    ];

    public static string Write(string topic, string keyFact, int seed)
    {
        var (person, business, pronoun) = Customers[seed % Customers.Length];
        var fact = char.ToLowerInvariant(keyFact[0]) + keyFact[1..];
        return $"{person} owns {business} and pays most supplier bills with the company's business credit card. "
            + $"{pronoun} calls you because {pronoun.ToLowerInvariant()} is unsure how {topic} affects the business. "
            + $"Using this lesson, you explain the key fact: {fact}";
    }
}
