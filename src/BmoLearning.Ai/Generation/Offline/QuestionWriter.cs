using System.Globalization;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Knowledge;

namespace BmoLearning.Ai.Generation.Offline;

/// <summary>The kinds of question the offline generator writes.</summary>
public enum QuestionType
{
    /// <summary>A statement of the lesson with a figure or term left out; wrong options are other values of its kind.</summary>
    Fact,
    /// <summary>A definition from the knowledge base; wrong options are other terms of the same kind.</summary>
    Term,
    /// <summary>A customer's situation and what to tell them; options drawn as for a fact question.</summary>
    Scenario,
}

/// <summary>A question before its options are placed: the correct option, wrong ones, and the sentences that use them.</summary>
internal sealed record QuestionDraft(
    QuestionType Type,
    string Question,
    string Correct,
    IReadOnlyList<string> Distractors,
    CandidateSentence Fact,
    IReadOnlyList<CandidateSentence> Supporting);

/// <summary>
/// Writes questions on one fact of the lesson without a model. The gap is a figure or a glossary term; the wrong
/// options are values of the same kind that the knowledge base uses, preferring ones the lesson itself mentions (so
/// a learner must know which value goes with which rule, and spotting the option that appears in the lesson does not
/// help). There is never an inserted "not": every option has the same form as the answer.
/// </summary>
internal static class QuestionWriter
{
    public static IEnumerable<QuestionDraft> For(
        CandidateSentence fact, QuestionType type, int wording, int skip, KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, int seed)
    {
        return type switch
        {
            QuestionType.Term => TermQuestions(fact, wording, skip, glossary, usable, seed),
            _ => GapQuestions(fact, type, wording, skip, glossary, usable, seed),
        };
    }

    private static IEnumerable<QuestionDraft> GapQuestions(
        CandidateSentence fact, QuestionType type, int wording, int skip, KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, int seed)
    {
        var values = KnowledgeGlossary.ValuesIn(fact.Text).ToList();
        foreach (var value in values)
        {
            var at = fact.Text.IndexOf(value.Text, StringComparison.Ordinal);
            var stem = fact.Text[..at] + QuizText.Blank + fact.Text[(at + value.Text.Length)..];
            var inStem = values.Select(v => v.Key).ToHashSet();
            var pool = glossary.Values
                .Where(v => v.Kind == value.Kind && !inStem.Contains(v.Key))
                .Select(v => (Value: v, Text: Render(v, value)))
                .Where(v => !string.Equals(v.Text, value.Text, StringComparison.OrdinalIgnoreCase))
                .DistinctBy(v => v.Text.ToLowerInvariant())
                // A sentence that uses the wrong option as the option is written, so the lesson mentions it word for word.
                .Select(v => (v.Value, v.Text, Sentence: (CandidateSentence?)usable.FirstOrDefault(s => s != fact && WordAt(s.Text, v.Text) >= 0)
                    ?? usable.FirstOrDefault(s => s != fact && s.Text.Contains(v.Value.Text, StringComparison.Ordinal))))
                .OrderBy(v => v.Sentence is null ? 1 : 0)
                .ThenBy(v => v.Value.Unit == value.Unit ? 0 : 1)
                .ThenBy(v => Distance(v.Value.Number, value.Number))
                .ThenBy(v => v.Text, StringComparer.Ordinal)
                .ToList();
            // Thin material (a fallback lesson from a few chunks) may hold too few figures of the kind: then round
            // multiples of the answer stand in, after every figure the knowledge base itself uses.
            foreach (var factor in new[] { 2m, 0.5m, 3m, 1.5m, 4m })
            {
                var number = value.Kind == "percentage" ? Math.Round(value.Number * factor, 2) : Math.Round(value.Number * factor);
                var stand = value with { Number = number, Text = value.Text.Replace(value.Number.ToString(CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) };
                var text = Render(stand, value);
                if (pool.Count < 3 + skip && number > 0 && !inStem.Contains(stand.Key) && pool.All(p => !string.Equals(p.Text, text, StringComparison.OrdinalIgnoreCase))
                    && !string.Equals(text, value.Text, StringComparison.OrdinalIgnoreCase) && stand.Text != value.Text)
                {
                    pool.Add((stand, text, null));
                }
            }

            if (pool.Count < 3 + skip)
            {
                continue;
            }

            var chosen = pool.Skip(skip).Take(3).ToList();
            yield return new QuestionDraft(type, GapQuestion(type, wording, stem, seed), value.Text, chosen.Select(c => c.Text).ToList(), fact,
                chosen.Where(c => c.Sentence is not null).Select(c => c.Sentence!).ToList());
        }

        foreach (var term in glossary.Terms.Where(t => t.Term.Length >= 3 && WordAt(fact.Text, t.Term) >= 0).OrderByDescending(t => t.Term.Length))
        {
            var at = WordAt(fact.Text, term.Term);
            var original = fact.Text.Substring(at, term.Term.Length);
            var stem = fact.Text[..at] + QuizText.Blank + fact.Text[(at + term.Term.Length)..];
            var pool = OtherTerms(term, glossary, usable, fact, stem).ToList();
            if (pool.Count < 3 + skip)
            {
                continue;
            }

            var chosen = pool.Skip(skip).Take(3).ToList();
            yield return new QuestionDraft(type, GapQuestion(type, wording, stem, seed), Cased(term.Term, at == 0, original), chosen.Select(c => Cased(c.Term.Term, at == 0, c.Term.Term)).ToList(), fact,
                chosen.Where(c => c.Sentence is not null).Select(c => c.Sentence!).ToList());
        }

        // Material with neither a figure nor a defined term still says who a rule concerns: the party is blanked and
        // other parties the knowledge base names are the wrong options, in the same number. Only a party named once
        // (as a whole word, singular or plural), so the gap is unambiguous and no option is already in the statement.
        foreach (var party in glossary.Parties.Where(p => Occurrences(fact.Text, p.Term) + Occurrences(fact.Text, p.Term + "s") == 1))
        {
            var plural = Occurrences(fact.Text, party.Term) == 0 ? "s" : string.Empty;
            var word = party.Term + plural;
            var at = WordAt(fact.Text, word);
            var original = fact.Text.Substring(at, word.Length);
            var stem = fact.Text[..at] + QuizText.Blank + fact.Text[(at + word.Length)..];
            var pool = glossary.Parties
                .Where(p => p.Term != party.Term && !SameParty(p.Term, party.Term) && !stem.Contains(p.Term, StringComparison.OrdinalIgnoreCase)
                    && !p.Term.Contains(party.Term, StringComparison.OrdinalIgnoreCase) && !party.Term.Contains(p.Term, StringComparison.OrdinalIgnoreCase))
                .Select(p => (Term: p, Sentence: (CandidateSentence?)usable.FirstOrDefault(s => s != fact && WordAt(s.Text, p.Term + plural) >= 0)
                    ?? usable.FirstOrDefault(s => s != fact && WordAt(s.Text, p.Term) >= 0)))
                .OrderBy(p => p.Sentence is null ? 1 : 0)
                .ThenBy(p => Math.Abs(p.Term.Term.Length - party.Term.Length))
                .ThenBy(p => p.Term.Term, StringComparer.Ordinal)
                .ToList();
            if (pool.Count < 3 + skip)
            {
                continue;
            }

            var chosen = pool.Skip(skip).Take(3).ToList();
            yield return new QuestionDraft(type, GapQuestion(type, wording, stem, seed), Cased(word, at == 0, original), chosen.Select(c => Cased(c.Term.Term + plural, at == 0, c.Term.Term + plural)).ToList(), fact,
                chosen.Where(c => c.Sentence is not null).Select(c => c.Sentence!).ToList());
        }
    }

    /// <summary>Parties that are one and the same for a card account: the other would be a second right answer.</summary>
    private static readonly string[][] SameParties = [["issuer", "lender"], ["holder", "cardholder", "owner"], ["worker", "employee"], ["manager", "supervisor"]];

    private static bool SameParty(string a, string b) =>
        SameParties.Any(g => g.Contains(a, StringComparer.OrdinalIgnoreCase) && g.Contains(b, StringComparer.OrdinalIgnoreCase));

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var start = 0; start < text.Length && WordAt(text[start..], word) is var at and >= 0; start += at + word.Length)
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<QuestionDraft> TermQuestions(
        CandidateSentence fact, int wording, int skip, KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, int seed)
    {
        if (KnowledgeGlossary.DefinedTerm(fact.Text) is not { } defined || defined.Definition.Contains(defined.Term, StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        // The defining sentence with the term left out: the answer fills it back into the statement the source makes,
        // so what the correct option claims is that whole sentence (not a bare term, which says nothing by itself).
        var at = WordAt(fact.Text, defined.Term);
        if (at < 0)
        {
            yield break;
        }

        var stem = fact.Text[..at] + QuizText.Blank + fact.Text[(at + defined.Term.Length)..];
        if (WordAt(stem, defined.Term) >= 0 || stem.Contains("(" + QuizText.Blank + ")", StringComparison.Ordinal))
        {
            // Named twice, or an abbreviation whose spelled-out name stays in the sentence: the gap would answer itself.
            yield break;
        }

        var question = TermQuestion(wording, stem, seed);
        var pool = OtherTerms(defined, glossary, usable, fact, question).ToList();
        if (pool.Count < 3 + skip)
        {
            yield break;
        }

        var chosen = pool.Skip(skip).Take(3).ToList();
        var original = fact.Text.Substring(at, defined.Term.Length);
        yield return new QuestionDraft(QuestionType.Term, question, Cased(defined.Term, at == 0, original), chosen.Select(c => Cased(c.Term.Term, at == 0, c.Term.Term)).ToList(), fact,
            chosen.Where(c => c.Sentence is not null).Select(c => c.Sentence!).ToList());
    }

    /// <summary>Other terms for wrong options: the same kind first, those the lesson can mention first, never one the question names.</summary>
    private static IEnumerable<(GlossaryTerm Term, CandidateSentence? Sentence)> OtherTerms(
        GlossaryTerm term, KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, CandidateSentence fact, string question) =>
        glossary.Terms
            .Where(t => !string.Equals(t.Term, term.Term, StringComparison.OrdinalIgnoreCase)
                && !question.Contains(t.Term, StringComparison.OrdinalIgnoreCase)
                && !t.Term.Contains(term.Term, StringComparison.OrdinalIgnoreCase) && !term.Term.Contains(t.Term, StringComparison.OrdinalIgnoreCase))
            .Select(t => (Term: t, Sentence: usable.FirstOrDefault(s => s != fact && WordAt(s.Text, t.Term) >= 0)))
            .OrderBy(t => t.Term.Kind == term.Kind ? 0 : 1)
            .ThenBy(t => t.Sentence is null ? 1 : 0)
            .ThenBy(t => Math.Abs(t.Term.Term.Length - term.Term.Length))
            .ThenBy(t => t.Term.Term, StringComparer.OrdinalIgnoreCase)
            .Select(t => (t.Term, (CandidateSentence?)t.Sentence));

    private static string GapQuestion(QuestionType type, int wording, string stem, int seed)
    {
        if (type == QuestionType.Scenario)
        {
            // The customer of the lesson's scenario (same seed): one named customer per lesson, whatever the wording.
            var (person, business, pronoun, obj, _) = ScenarioWriter.Customers[seed % ScenarioWriter.Customers.Length];
            return (wording % 2) == 0
                ? $"{person}, who runs {business}, asks you to confirm a rule before {pronoun} acts on it. What should you tell {obj}? \"{stem}\""
                : $"{person} runs {business} and wants to know where {pronoun} stands. Which answer do you give {obj}? \"{stem}\"";
        }

        return (wording % 2) == 0
            ? $"Which answer completes this statement from the lesson? \"{stem}\""
            : $"What belongs in the gap? \"{stem}\"";
    }

    private static string TermQuestion(int wording, string stem, int seed)
    {
        if (wording % 3 == 2)
        {
            var (person, business, _, obj, _) = ScenarioWriter.Customers[seed % ScenarioWriter.Customers.Length];
            return $"{person}, who runs {business}, reads a definition and asks what it is called. What should you tell {obj}? \"{stem}\"";
        }

        return wording % 3 == 0 ? $"Which term does the lesson define here? \"{stem}\"" : $"Which term belongs in this definition? \"{stem}\"";
    }

    /// <summary>A value written the way the answer is ("25-day" → "30-day", "21 days" → "60 days").</summary>
    private static string Render(GlossaryValue value, GlossaryValue like)
    {
        if (value.Kind != "period")
        {
            return value.Kind == "percentage" ? like.Text.Replace(like.Number.ToString(CultureInfo.InvariantCulture), value.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : value.Text;
        }

        var number = value.Number.ToString(CultureInfo.InvariantCulture);
        var hyphen = like.Text.Contains('-', StringComparison.Ordinal);
        return hyphen ? $"{number}-{value.Unit}" : $"{number} {value.Unit}{(value.Number == 1 ? string.Empty : "s")}";
    }

    private static double Distance(decimal a, decimal b) => Math.Abs(Math.Log((double)Math.Max(a, 0.01m)) - Math.Log((double)Math.Max(b, 0.01m)));

    /// <summary>Index of the term as whole words (case-insensitive), or -1.</summary>
    public static int WordAt(string text, string term)
    {
        var start = 0;
        while ((start = text.IndexOf(term, start, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
            var end = start + term.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return start;
            }

            start = end;
        }

        return -1;
    }

    /// <summary>Options in one form: acronyms as they are, other terms lower case unless they open the sentence.</summary>
    private static string Cased(string term, bool sentenceStart, string original)
    {
        if (term.Length > 1 && term.All(c => !char.IsLetter(c) || char.IsUpper(c)))
        {
            return term;
        }

        var lower = original.ToLowerInvariant();
        return sentenceStart ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower;
    }
}
