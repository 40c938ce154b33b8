using System.Globalization;
using BmoLearning.Ai.Embeddings;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Text;
using BmoLearning.Bench.LegacyQuiz;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Llm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Bench;

/// <summary>
/// Quiz and lesson quality (issue 11): every topic of the starter knowledge base (each section heading, plus the
/// topics staff ask about) at each difficulty, from the offline generator as it is and as it was before (the baseline,
/// same run, same retrieval). Reports how often each surface-only guessing strategy is right (chance 0.25), whether
/// the correct option is supported by its cited chunk (lexically and by embedding) and no wrong one is, coherence
/// faults, word counts and Flesch–Kincaid grade; then the LLM path against a fake that writes known-bad quizzes.
/// </summary>
internal static class QuizQualityBench
{
    private static readonly string[] AskedTopics =
    [
        "APR", "grace periods", "minimum payments", "credit utilisation", "credit limits", "annual fees", "rewards points",
        "employee cards and spending controls", "personal guarantee liability", "chargebacks", "statement reconciliation",
        "business versus personal credit", "managing cash flow with a card", "disclosure rules", "protecting cardholder data", "cash advances",
    ];

    /// <param name="corpus">"starter" (the embedded knowledge base) or "safety": the tests' second corpus about workplace
    /// safety, ingested the real way, so the figures show the generator is not tuned to credit cards.</param>
    /// <param name="listMisses">Only the offline generator as it is: list every lesson whose correct option misses the
    /// embedding agreement or is the only option the lesson text contains word for word, then stop (no baseline, no LLM
    /// section), to find what to fix without the whole run.</param>
    public static async Task RunAsync(string corpus = "starter", bool listMisses = false)
    {
        var safety = corpus == "safety";
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-bench-quiz").FullName,
            ["Ai:Provider"] = "offline",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddBmoCore();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            if (safety)
            {
                var dir = Directory.CreateTempSubdirectory("bmo-bench-safety").FullName;
                foreach (var (name, text) in BmoLearning.Tests.Lessons.SafetyCorpus.Documents)
                {
                    var file = Path.Combine(dir, name);
                    await File.WriteAllTextAsync(file, text);
                    await scope.ServiceProvider.GetRequiredService<BmoLearning.Ai.Ingestion.FileIngestor>().IngestFileAsync(file, "file:" + file, DocumentCategory.Reference, CancellationToken.None);
                }
            }
            else
            {
                await scope.ServiceProvider.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, CancellationToken.None);
            }
        }

        var askedTopics = safety ? BmoLearning.Tests.Lessons.SafetyCorpus.AskedTopics : AskedTopics;

        List<string> topics;
        var contexts = new List<LessonGenerationContext>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var headings = await db.KnowledgeChunks.Select(c => c.HeadingPath).Distinct().ToListAsync();
            topics = [.. headings.Select(h => h.Split(" > ")[^1].Trim()).Where(h => h.Length > 2).Concat(askedTopics).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
            var index = scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>();
            foreach (var topic in topics)
            {
                var chunks = await index.SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
                foreach (var difficulty in Enum.GetValues<Difficulty>())
                {
                    contexts.Add(new LessonGenerationContext(topic, difficulty, "Bench", chunks));
                }
            }
        }

        var embedder = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var generator = host.Services.GetRequiredService<ILessonGenerator>();
        if (listMisses)
        {
            await ListMissesAsync(await GenerateAllAsync(generator, contexts), embedder);
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"## Quiz quality: {topics.Count} topics x 3 difficulties = {contexts.Count} lessons of the {(safety ? "second (workplace safety) corpus" : "starter knowledge base")}");
        var before = await GenerateAllAsync(new LegacyOfflineGenerator(), contexts);
        var after = await GenerateAllAsync(generator, contexts);
        Console.WriteLine();
        Console.WriteLine("| measure | before (offline 1.0) | after (offline 2.0) | target |");
        Console.WriteLine("|---|---|---|---|");
        var b = await MeasureAsync(before, embedder);
        var a = await MeasureAsync(after, embedder);
        foreach (var (name, target, fb, fa) in a.Rows.Zip(b.Rows, (x, y) => (x.Name, x.Target, y.Value, x.Value)))
        {
            Console.WriteLine($"| {name} | {fb} | {fa} | {target} |");
        }

        Console.WriteLine();
        Console.WriteLine("Reasons lessons were not written (after):");
        foreach (var reason in after.Where(r => r.Error is not null).GroupBy(r => r.Error).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"- {reason.Count()} x {reason.Key}");
        }

        if (safety)
        {
            return;
        }

        await LlmKnownBadAsync(contexts.Where(c => c.Difficulty == Difficulty.Beginner && AskedTopics.Contains(c.Topic)).ToList());
        PrintSamples(before, after, [("grace periods", Difficulty.Beginner), ("annual fees", Difficulty.Intermediate), ("chargebacks", Difficulty.Advanced)]);
    }

    internal sealed record Generated(LessonGenerationContext Context, LessonDraft? Draft, string? Error);

    private static async Task<List<Generated>> GenerateAllAsync(ILessonGenerator generator, List<LessonGenerationContext> contexts)
    {
        var results = new List<Generated>();
        foreach (var context in contexts)
        {
            try
            {
                results.Add(new Generated(context, await generator.GenerateAsync(context, CancellationToken.None), null));
            }
            catch (Exception ex) when (ex is NoRelevantKnowledgeException or LessonRejectedException)
            {
                results.Add(new Generated(context, null, ex.Message));
            }
        }

        return results;
    }

    internal sealed record Measures(List<(string Name, string Target, string Value)> Rows);

    private static async Task<Measures> MeasureAsync(List<Generated> results, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var lessons = results.Where(r => r.Draft is not null).ToList();
        var rows = new List<(string, string, string)>
        {
            ("lessons written", "all, or a clear reason", $"{lessons.Count} of {results.Count}"),
        };
        var quizzes = lessons.Select(l => (Quiz: new QuizItem(l.Draft!.QuizQuestion, l.Draft.QuizOptions, l.Draft.CorrectAnswer), Text: LessonTextOf(l.Draft), l.Draft, l.Context)).ToList();
        foreach (var strategy in Enum.GetValues<GuessStrategy>())
        {
            var rate = quizzes.Average(q => GuessStrategies.ExpectedAccuracy(GuessStrategies.Picks(strategy, q.Quiz, q.Text), q.Quiz.CorrectIndex));
            rows.Add(($"guess: {Name(strategy)}", "<= 0.35", F(rate)));
        }

        var surface = GuessStrategies.SurfaceOnly;
        var best = (Rate: 0.0, Names: string.Empty);
        for (var mask = 1; mask < 1 << surface.Count; mask++)
        {
            var subset = surface.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (subset.Count < 2)
            {
                continue;
            }

            var rate = quizzes.Average(q => GuessStrategies.ExpectedAccuracy(GuessStrategies.Combined(subset, q.Quiz), q.Quiz.CorrectIndex));
            if (rate > best.Rate)
            {
                best = (rate, string.Join(" + ", subset.Select(Name)));
            }
        }

        rows.Add(("guess: best combination of the five", "<= 0.40", $"{F(best.Rate)} ({best.Names})"));
        var withText = quizzes.Average(q => GuessStrategies.ExpectedAccuracy(GuessStrategies.Combined([.. surface, GuessStrategy.AppearsInLessonText], q.Quiz, q.Text), q.Quiz.CorrectIndex));
        rows.Add(("guess: all six voting (with string match)", "<= 0.40", F(withText)));
        rows.Add(("correct answer in position 0/1/2/3", "uniform", string.Join("/", Enumerable.Range(0, 4).Select(i => quizzes.Count(q => q.Quiz.CorrectIndex == i)))));

        var lexical = 0;
        var semantic = 0;
        var distractorSupported = 0;
        var checkerFlags = 0;
        foreach (var q in quizzes)
        {
            var cited = q.Context.Chunks.Where(c => q.Draft.SourceChunkIds.Contains(c.ChunkId)).ToList();
            var claim = QuizText.Claim(q.Quiz.Question, q.Quiz.Options[q.Quiz.CorrectIndex]);
            lexical += QuizQualityChecker.IsSupported(claim, cited.Select(c => c.Text).ToList()) ? 1 : 0;
            // Agreement with the chunk's sentences: a whole chunk's vector blurs the one statement that answers.
            var vectors = await embedder.GenerateAsync([claim, .. cited.SelectMany(c => SourceSentences(c.Text))]);
            semantic += vectors.Skip(1).Any(v => VectorMath.Dot(vectors[0].Vector.ToArray(), v.Vector.ToArray()) >= 0.6) ? 1 : 0;
            var sources = cited.Select(c => QuizText.Normalize(c.Text)).ToList();
            distractorSupported += q.Quiz.Options.Where((_, i) => i != q.Quiz.CorrectIndex)
                .Any(o => sources.Any(s => s.Contains(QuizText.Normalize(QuizText.Claim(q.Quiz.Question, o)), StringComparison.Ordinal))) ? 1 : 0;
            checkerFlags += QuizQualityChecker.Check(q.Quiz, cited.Select(c => c.Text).ToList()).Count > 0 ? 1 : 0;
        }

        rows.Add(("answer supported by a cited chunk: lexical", "100%", Pct(lexical, quizzes.Count)));
        rows.Add(("answer supported by a cited chunk: embedding (cos >= 0.6 with one of its sentences)", "100%", Pct(semantic, quizzes.Count)));
        rows.Add(("quizzes with a wrong option the cited chunk states", "0", distractorSupported.ToString(CultureInfo.InvariantCulture)));
        rows.Add(("quizzes the quality checker flags", "0", checkerFlags.ToString(CultureInfo.InvariantCulture)));

        var coherence = lessons.Select(l => LessonCoherence.Check(l.Draft!)).ToList();
        rows.Add(("orphan references", "0", coherence.Sum(c => c.OrphanReferences).ToString(CultureInfo.InvariantCulture)));
        rows.Add(("repeated sentences (incl. key point in scenario)", "0", coherence.Sum(c => c.RepeatedSentences).ToString(CultureInfo.InvariantCulture)));
        rows.Add(("key points over 20 words", "0", coherence.Sum(c => c.LongKeyPoints).ToString(CultureInfo.InvariantCulture)));
        foreach (var difficulty in Enum.GetValues<Difficulty>())
        {
            var set = lessons.Where(l => l.Context.Difficulty == difficulty).Select(l => l.Draft!).ToList();
            if (set.Count == 0)
            {
                continue;
            }

            var words = set.Select(d => LessonValidator.CountWords(d.Content)).ToList();
            rows.Add(($"{difficulty.ToApi()}: content words mean (min-max)", "<= 200", $"{words.Average():0} ({words.Min()}-{words.Max()})"));
            rows.Add(($"{difficulty.ToApi()}: Flesch-Kincaid grade of content", "report", set.Average(d => Readability.FleschKincaidGrade(d.Content)).ToString("0.0", CultureInfo.InvariantCulture)));
        }

        return new Measures(rows);
    }

    /// <summary>Lessons that miss the embedding agreement (with the best cosine) or whose answer alone appears in the lesson text.</summary>
    /// <summary>
    /// The chunk's statements: each line (a paragraph or a list item) split into sentences. Joining the lines first
    /// ran a bulleted list into one "sentence", because a bullet does not start with a capital the splitter expects.
    /// </summary>
    private static IEnumerable<string> SourceSentences(string chunkText) =>
        chunkText.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.TrimStart('-', '*', '\u2022', ' '))
            .SelectMany(SentenceSplitter.Split);

    private static async Task ListMissesAsync(List<Generated> results, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        foreach (var r in results.Where(r => r.Draft is null))
        {
            Console.WriteLine($"NOT WRITTEN [{r.Context.Topic} / {r.Context.Difficulty.ToApi()}]: {r.Error}");
        }

        var (embeddingMisses, stringMatch, similar, written) = (0, 0.0, 0.0, 0);
        foreach (var r in results.Where(r => r.Draft is not null))
        {
            var d = r.Draft!;
            written++;
            var quiz = new QuizItem(d.QuizQuestion, d.QuizOptions, d.CorrectAnswer);
            var claim = QuizText.Claim(quiz.Question, quiz.Options[quiz.CorrectIndex]);
            var cited = r.Context.Chunks.Where(c => d.SourceChunkIds.Contains(c.ChunkId)).ToList();
            var vectors = await embedder.GenerateAsync([claim, .. cited.SelectMany(c => SourceSentences(c.Text))]);
            var best = vectors.Skip(1).Select(v => VectorMath.Dot(vectors[0].Vector.ToArray(), v.Vector.ToArray())).DefaultIfEmpty(0).Max();
            var found = GuessStrategies.Picks(GuessStrategy.AppearsInLessonText, quiz, LessonTextOf(d));
            stringMatch += GuessStrategies.ExpectedAccuracy(found, quiz.CorrectIndex);
            similar += GuessStrategies.ExpectedAccuracy(GuessStrategies.Picks(GuessStrategy.MostSimilarToOthers, quiz), quiz.CorrectIndex);
            var misses = new List<string>();
            if (best < 0.6)
            {
                embeddingMisses++;
                misses.Add($"EMBEDDING cos {best:0.000}");
            }

            if (found is [var only] && only == quiz.CorrectIndex)
            {
                misses.Add("STRING-MATCH answer alone in the text");
            }
            else if (found.Count < quiz.Options.Count && found.Contains(quiz.CorrectIndex))
            {
                misses.Add($"string-match 1 of {found.Count}");
            }

            if (misses.Count > 0)
            {
                Console.WriteLine($"{string.Join("; ", misses)} [{r.Context.Topic} / {r.Context.Difficulty.ToApi()}] Q: {d.QuizQuestion} | options: {string.Join(" / ", d.QuizOptions)} | correct: {d.QuizOptions[d.CorrectAnswer]} | claim: {claim}");
            }
        }

        Console.WriteLine($"SUMMARY: {written} of {results.Count} written; embedding misses {embeddingMisses}; string match {F(stringMatch / Math.Max(written, 1))}; most similar to the other three {F(similar / Math.Max(written, 1))}");
    }

    /// <summary>The LLM path against a fake model that writes known-bad quizzes every time: each must be caught, repaired once, then fall back.</summary>
    private static async Task LlmKnownBadAsync(List<LessonGenerationContext> contexts)
    {
        Console.WriteLine();
        Console.WriteLine($"### LLM path, fake model writing known-bad quizzes ({contexts.Count} topics each)");
        Console.WriteLine();
        Console.WriteLine("| fake reply | caught by the quiz checks | fell back to offline | refused: no fair offline question either | codes in the fallback reason |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var reply in new[] { FakeReply.Grounded, FakeReply.NegatedDistractors, FakeReply.LongestAnswer, FakeReply.OverlapTell })
        {
            using var fake = new FakeModelServer { DefaultReply = reply };
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bmo:DataDir"] = Directory.CreateTempSubdirectory("bmo-bench-quiz-llm").FullName,
                ["Ai:Provider"] = "openai",
                ["Ai:OpenAI:ApiKey"] = "bench-key",
                ["Ai:OpenAI:BaseUrl"] = fake.OpenAiBaseUrl,
                ["Ai:Safety:Moderation"] = "false",
                ["Ai:CacheDuration"] = "00:00:00",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
            builder.Services.AddBmoCore();
            using var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            var generator = host.Services.GetRequiredService<ILessonGenerator>();
            var caught = 0;
            var fellBack = 0;
            var refused = 0;
            var codes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var context in contexts)
            {
                LessonDraft draft;
                try
                {
                    draft = await generator.GenerateAsync(context, CancellationToken.None);
                }
                catch (NoRelevantKnowledgeException)
                {
                    // The model's quiz was refused and the offline fallback found no fair question: the request fails
                    // with that reason, as in the application (never a bad quiz).
                    refused++;
                    continue;
                }

                if (draft.FallbackReason is { } reason)
                {
                    fellBack++;
                    var found = System.Text.RegularExpressions.Regex.Matches(reason, @"quiz \((\w+)\)").Select(m => m.Groups[1].Value).ToList();
                    caught += found.Count > 0 ? 1 : 0;
                    codes.UnionWith(found);
                }
            }

            Console.WriteLine($"| {reply} | {caught} of {contexts.Count} | {fellBack} | {refused} | {string.Join(", ", codes)} |");
        }
    }

    private static void PrintSamples(List<Generated> before, List<Generated> after, (string Topic, Difficulty Difficulty)[] samples)
    {
        foreach (var (topic, difficulty) in samples)
        {
            foreach (var (label, set) in new[] { ("before", before), ("after", after) })
            {
                var result = set.First(r => r.Context.Topic == topic && r.Context.Difficulty == difficulty);
                Console.WriteLine();
                Console.WriteLine($"#### \"{topic}\" ({difficulty.ToApi()}), {label}");
                Console.WriteLine();
                if (result.Draft is not { } d)
                {
                    Console.WriteLine($"(not written: {result.Error})");
                    continue;
                }

                Console.WriteLine("```text");
                Console.WriteLine(d.Content);
                Console.WriteLine();
                Console.WriteLine("Key points:");
                foreach (var point in d.KeyPoints)
                {
                    Console.WriteLine($"- {point}");
                }

                Console.WriteLine();
                Console.WriteLine($"Scenario: {d.Scenario}");
                Console.WriteLine();
                Console.WriteLine($"Q: {d.QuizQuestion}");
                for (var i = 0; i < d.QuizOptions.Count; i++)
                {
                    Console.WriteLine($"  {(char)('A' + i)}. {d.QuizOptions[i]}{(i == d.CorrectAnswer ? "   <- correct" : string.Empty)}");
                }

                Console.WriteLine("```");
            }
        }
    }

    internal static string LessonTextOf(LessonDraft draft) => string.Join("\n", [draft.Content, .. draft.KeyPoints, draft.Scenario]);

    private static string Name(GuessStrategy strategy) => strategy switch
    {
        GuessStrategy.Longest => "longest option",
        GuessStrategy.Shortest => "shortest option",
        GuessStrategy.OnlyWithoutNegation => "only option without a negation",
        GuessStrategy.MostOverlapWithQuestion => "most words shared with the question",
        GuessStrategy.MostSimilarToOthers => "most similar to the other three",
        _ => "appears word for word in the lesson text",
    };

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Pct(int part, int whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
