namespace BmoLearning.Ai.Generation.Offline;

/// <summary>
/// Short workplace situations: a small-business customer who needs the lesson's rule applied to them. The subject
/// comes from the knowledge base (a glossary term or the section heading), never from the requested topic, and the
/// scenario never restates the fact: the learner works out what applies.
/// </summary>
internal static class ScenarioWriter
{
    public static readonly (string Person, string Business, string Subject, string Object, string Possessive)[] Customers =
    [
        ("Priya", "a three-person landscaping company", "she", "her", "her"),
        ("Marcus", "a family-run bakery with two locations", "he", "him", "his"),
        ("Elena", "an independent IT consultancy", "she", "her", "her"),
        ("Tom", "a small plumbing contractor with four vans", "he", "him", "his"),
        ("Aisha", "a boutique event-planning firm", "she", "her", "her"),
        ("Daniel", "a neighbourhood veterinary clinic", "he", "him", "his"),
    ];

    private static readonly string[] Templates =
    [
        "{0} runs {1} and asks you about {5} before making a decision that depends on it. You pick the rule from the lesson that fits {4} situation, explain what it means for {3} in plain words, and point {3} to {6} so {2} can check the details.",
        "{0}, who runs {1}, is unsure how {5} applies to the business and does not want a surprise later. You ask what {2} is planning, match it to the rule in the lesson, and show {3} where {6} sets it out.",
        "A colleague hands you a call from {0}, who runs {1} and has a question about {5}. You listen to what {2} wants to do, explain which rule from the lesson decides it, and note the answer with a reference to {6}.",
    ];

    public static string Write(string subject, string source, int seed)
    {
        var (person, business, pronoun, obj, possessive) = Customers[seed % Customers.Length];
        var template = Templates[(seed / Customers.Length) % Templates.Length];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, person, business, pronoun, obj, possessive, subject, source);
    }
}
