using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BmoLearning.Tests.Lessons;

/// <summary>
/// The quiz-quality bench's criteria on a knowledge base the generator was not tuned on (workplace safety, ingested
/// and retrieved the real way): every section heading and a few asked topics at each difficulty.
/// </summary>
public sealed class SecondCorpusTests(ITestOutputHelper output) : IAsyncLifetime
{
    private CoreServices _services = null!;

    public async Task InitializeAsync()
    {
        _services = await CoreServices.CreateAsync();
        var dir = TempDirectory.Create("safety-corpus");
        await using var scope = _services.Scope();
        foreach (var (name, text) in SafetyCorpus.Documents)
        {
            var file = Path.Combine(dir, name);
            await File.WriteAllTextAsync(file, text);
            await scope.ServiceProvider.GetRequiredService<FileIngestor>().IngestFileAsync(file, "file:" + file, DocumentCategory.Reference, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Offline_lessons_on_an_unrelated_domain_meet_the_quiz_quality_criteria()
    {
        await using var scope = _services.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var headings = await db.KnowledgeChunks.Select(c => c.HeadingPath).ToListAsync();
        var topics = headings.Select(h => h.Split(" > ")[^1]).Concat(SafetyCorpus.AskedTopics).Distinct().ToList();
        var index = scope.ServiceProvider.GetRequiredService<IKnowledgeIndex>();
        var generator = scope.ServiceProvider.GetRequiredService<ILessonGenerator>();
        var lessons = new List<GeneratedLesson>();
        var failures = new List<string>();
        foreach (var topic in topics)
        {
            var chunks = await index.SearchAsync(new RetrievalQuery(topic, 6), CancellationToken.None);
            foreach (var difficulty in Enum.GetValues<Difficulty>())
            {
                try
                {
                    lessons.Add(new GeneratedLesson(await generator.GenerateAsync(new LessonGenerationContext(topic, difficulty, null, chunks), CancellationToken.None), chunks));
                }
                catch (NoRelevantKnowledgeException ex)
                {
                    failures.Add($"{topic} ({difficulty}): {ex.Message}");
                }
            }
        }

        var report = QuizQualityReport.Compute(lessons);
        output.WriteLine($"{lessons.Count} lessons, {failures.Count} not written");
        foreach (var (strategy, rate) in report.Guessability)
        {
            output.WriteLine($"{strategy}: {rate:0.00}");
        }

        output.WriteLine($"best combination: {report.BestCombination:0.00} ({report.BestCombinationName})");
        failures.ForEach(output.WriteLine);

        Assert.True(lessons.Count >= topics.Count * 3 * 0.8, $"only {lessons.Count} of {topics.Count * 3} lessons were written");
        Assert.All(lessons, l => Assert.Empty(LessonValidator.Validate(l.Draft, l.Chunks.Select(c => c.ChunkId).ToList())));
        foreach (var strategy in Enum.GetValues<GuessStrategy>())
        {
            Assert.True(report.Guessability[strategy] <= 0.35, $"{strategy} guesses {report.Guessability[strategy]:0.00} of the answers");
        }

        Assert.True(report.BestCombination <= 0.40, $"{report.BestCombinationName} guesses {report.BestCombination:0.00}");
        Assert.Equal(1.0, report.AnswerSupported);
        Assert.Equal(0, report.DistractorSupported);
        Assert.Equal(0, report.CheckerFlags);
        Assert.Equal(0, report.OrphanReferences + report.RepeatedSentences + report.LongKeyPoints);
    }
}
