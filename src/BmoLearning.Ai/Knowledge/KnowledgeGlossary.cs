using System.Globalization;
using System.Text.RegularExpressions;
using BmoLearning.Ai.Text;

namespace BmoLearning.Ai.Knowledge;

/// <summary>A domain term, the kind of thing it names, and the sentence of the knowledge base that defines it.</summary>
public sealed record GlossaryTerm(string Term, string Kind, string DefiningSentence, string Definition);

/// <summary>
/// A figure the knowledge base uses ("21 days", "3%", "$95") and its kind: values of one kind can stand in for
/// each other in a quiz ("within 30 days" → "within 60 days") and still read as a real rule.
/// </summary>
public sealed record GlossaryValue(string Text, string Kind, decimal Number, string Unit)
{
    /// <summary>Same kind and amount, whatever the spelling ("25-day" and "25 days").</summary>
    public string Key => $"{Kind}:{Number.ToString(CultureInfo.InvariantCulture)}:{Unit}";
}

/// <summary>
/// Terms and figures of the knowledge base. Kinds: fee, rate, period, party, amount, process, feature, general
/// for terms; period, percentage, amount, temperature and measure:unit (kg, m, litres) for figures. A pure function of the text, so
/// re-ingesting unchanged documents gives the same glossary.
/// </summary>
public sealed partial class KnowledgeGlossary
{
    private static readonly (string Kind, string[] Words)[] KindWords =
    [
        ("fee", ["fee", "fees", "surcharge", "penalty"]),
        ("rate", ["rate", "apr", "interest", "percentage", "yield"]),
        ("period", ["period", "cycle", "date", "day", "month", "year", "window", "deadline", "term"]),
        ("party", ["holder", "cardholder", "owner", "issuer", "merchant", "employee", "guarantor", "lender", "borrower", "manager", "acquirer", "network", "processor", "supervisor", "officer", "contractor", "worker"]),
        ("amount", ["balance", "payment", "limit", "amount", "deposit", "minimum", "credit"]),
        ("process", ["dispute", "chargeback", "reconciliation", "application", "underwriting", "transfer", "advance", "authorisation", "authorization", "verification", "review", "process", "procedure", "inspection", "assessment"]),
        ("feature", ["card", "reward", "rewards", "points", "feature", "control", "controls", "program", "programme", "insurance", "benefit", "cashback", "guarantee", "agreement"]),
    ];

    private static readonly HashSet<string> WeakFirstWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "this", "that", "these", "those", "it", "one", "most", "many", "some", "each", "every", "other", "another", "same", "main",
        "usual", "practical", "common", "key", "first", "second", "last", "next", "best", "only", "real", "simple", "honest", "exact", "idea",
        "result", "answer", "point", "difference", "reason", "question", "problem", "aim", "goal", "rule", "way", "thing", "customer", "business",
        // The document's own furniture and verdicts ("The table is an illustrative summary", "A good outcome is a customer
        // who ..."): they name nothing of the domain, so as wrong options they would be obviously wrong.
        "table", "figure", "chart", "diagram", "example", "illustration", "lesson", "section", "summary", "list", "following",
        "good", "bad", "better", "worse", "typical", "important", "a", "an", "the",
    };

    /// <summary>
    /// Words that make a "Label: ..." line a clause rather than a name ("Changes are constant: ...", "The lesson still
    /// holds: ..."): a term is a noun phrase, so a verb or a sentence adverb in it means the line defines nothing.
    /// </summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "can", "could", "will", "would",
        "must", "should", "may", "might", "not", "still", "always", "never", "also", "holds", "hold", "matters", "applies", "works",
    };

    private KnowledgeGlossary(IReadOnlyList<GlossaryTerm> terms, IReadOnlyList<GlossaryValue> values, IReadOnlyList<GlossaryTerm>? parties = null)
    {
        Terms = terms;
        Values = values;
        Parties = parties ?? [];
    }

    public IReadOnlyList<GlossaryTerm> Terms { get; }

    public IReadOnlyList<GlossaryValue> Values { get; }

    /// <summary>
    /// The parties the knowledge base names (issuer, merchant, cardholder...), each with the first sentence that uses
    /// it: material without figures or definitions can still ask who a rule applies to, the wrong options being other
    /// parties the knowledge base itself uses.
    /// </summary>
    public IReadOnlyList<GlossaryTerm> Parties { get; }

    /// <summary>Words that name a party (the singular nouns of the party kind; a sentence may use them in the plural).</summary>
    public static IReadOnlyList<string> PartyWords { get; } = KindWords.Single(k => k.Kind == "party").Words;

    public static KnowledgeGlossary Empty { get; } = new([], []);

    /// <summary>The glossary of some texts; order does not matter (terms and values are sorted).</summary>
    public static KnowledgeGlossary Build(IEnumerable<string> texts)
    {
        var terms = new Dictionary<string, GlossaryTerm>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, GlossaryValue>(StringComparer.Ordinal);
        var parties = new Dictionary<string, GlossaryTerm>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith('#') || line.Contains(" | ", StringComparison.Ordinal))
                {
                    continue;
                }

                var item = line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line;
                foreach (var sentence in SentenceSplitter.Split(item))
                {
                    if (DefinedTerm(sentence) is { } term)
                    {
                        // The shortest defining sentence wins, whichever document came first: stable across ingestion order.
                        if (!terms.TryGetValue(term.Term, out var existing) || string.CompareOrdinal(Order(term), Order(existing)) < 0)
                        {
                            terms[term.Term] = term;
                        }
                    }

                    foreach (var value in ValuesIn(sentence))
                    {
                        values.TryAdd(value.Key, value);
                    }

                    foreach (var word in PartyWords.Where(w => WholeWord(sentence, w)))
                    {
                        // The shortest sentence that uses the party, as for terms: stable across ingestion order.
                        var party = new GlossaryTerm(word, "party", sentence.Trim(), string.Empty);
                        if (!parties.TryGetValue(word, out var known) || string.CompareOrdinal(Order(party), Order(known)) < 0)
                        {
                            parties[word] = party;
                        }
                    }
                }
            }
        }

        return new KnowledgeGlossary(
            terms.Values.OrderBy(t => t.Term, StringComparer.OrdinalIgnoreCase).ToList(),
            values.Values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList(),
            parties.Values.OrderBy(p => p.Term, StringComparer.Ordinal).ToList());

        static string Order(GlossaryTerm t) => $"{t.DefiningSentence.Length:D6}{t.DefiningSentence}";
    }

    /// <summary>This glossary and another, terms of this one first.</summary>
    public KnowledgeGlossary Merge(KnowledgeGlossary other) => new(
        Terms.Concat(other.Terms).DistinctBy(t => t.Term.ToLowerInvariant()).ToList(),
        Values.Concat(other.Values).DistinctBy(v => v.Key).ToList(),
        Parties.Concat(other.Parties).DistinctBy(p => p.Term).ToList());

    private static bool WholeWord(string text, string word) =>
        Regex.IsMatch(text, $@"\b{Regex.Escape(word)}s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>"A grace period is the time ...", "Billing cycle: the period ...": the term and its definition, or null.</summary>
    public static GlossaryTerm? DefinedTerm(string sentence)
    {
        var match = ListDefinition().Match(sentence);
        if (!match.Success)
        {
            match = Definition().Match(sentence);
        }

        if (!match.Success)
        {
            return null;
        }

        var term = match.Groups["term"].Value.Trim();
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 4 || WeakFirstWords.Contains(words[0]) || words.Any(ClauseWords.Contains)
            || words.Any(w => w.Any(char.IsAsciiDigit)) || term.Length < 3)
        {
            return null;
        }

        var definition = match.Groups["def"].Value.Trim().TrimEnd('.', ';');
        if (definition.Split(' ').Length < 4)
        {
            return null;
        }

        var display = match.Groups["alias"].Success ? match.Groups["alias"].Value : term;
        return new GlossaryTerm(display, KindOf(term), sentence.Trim(), definition);
    }

    public static string KindOf(string term)
    {
        var words = term.ToLowerInvariant().Split(' ', '-');
        // The head noun (last word) decides first: "late fee" is a fee, "fee schedule" is not.
        foreach (var word in words.Reverse())
        {
            foreach (var (kind, list) in KindWords)
            {
                if (list.Contains(word))
                {
                    return kind;
                }
            }
        }

        return "general";
    }

    /// <summary>The figures in a sentence, with their kinds.</summary>
    public static IEnumerable<GlossaryValue> ValuesIn(string sentence)
    {
        foreach (Match m in Figure().Matches(sentence))
        {
            if (Parse(m) is { } value)
            {
                yield return value;
            }
        }
    }

    private static GlossaryValue? Parse(Match m)
    {
        var raw = m.Value;
        if (m.Groups["money"].Success)
        {
            return Number(m.Groups["money"].Value) is { } n ? new GlossaryValue(raw, "amount", n, m.Groups["cur"].Value) : null;
        }

        if (m.Groups["pct"].Success)
        {
            return Number(m.Groups["pct"].Value) is { } n ? new GlossaryValue(raw, "percentage", n, "%") : null;
        }

        if (m.Groups["per"].Success)
        {
            var unit = m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s');
            return Number(m.Groups["per"].Value) is { } n ? new GlossaryValue(raw, "period", n, unit) : null;
        }

        if (m.Groups["qty"].Success)
        {
            var unit = m.Groups["qunit"].Value.ToLowerInvariant();
            return Number(m.Groups["qty"].Value) is { } n ? new GlossaryValue(raw, "measure:" + unit, n, unit) : null;
        }

        if (m.Groups["temp"].Success)
        {
            return Number(m.Groups["temp"].Value) is { } n ? new GlossaryValue(raw, "temperature", n, m.Groups["tunit"].Value.ToUpperInvariant()[..1]) : null;
        }

        return null;
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"^(?:An?|The)\s+(?<term>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)(?:,\s*or\s+(?<alias>[A-Z][A-Za-z]{1,6}),)?\s+(?:is|are|means|refers to)\s+(?<def>(?:an?|the|any|one)\s.+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Definition();

    [GeneratedRegex(@"^(?<term>[A-Z][a-z'-]+(?:\s+[a-z'-]+){0,3}):\s+(?<def>(?:an?|the|any|one)\s.+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ListDefinition();

    [GeneratedRegex(@"(?<cur>[$£€])(?<money>\d[\d,]*(?:\.\d+)?)|(?<![\w.])(?<pct>\d+(?:\.\d+)?)\s?%|(?<![\w.,])(?<per>\d+)(?:-|\s)(?<unit>(?:business |calendar )?(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?))\b|(?<![\w.,])(?<temp>\d+)\s?°\s?(?<tunit>[CF])\b|(?<![\w.,])(?<temp>\d+) degrees (?<tunit>Celsius|Fahrenheit|C|F)\b|(?<![\w.,])(?<qty>\d+(?:\.\d+)?)\s?(?<qunit>kg|g|lb|mm|cm|m|km|metres?|meters?|feet|ft|litres?|liters?|ml|dB|lux|volts?|amps?)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Figure();
}
