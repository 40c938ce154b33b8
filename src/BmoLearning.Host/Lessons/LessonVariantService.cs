using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Lessons;

/// <summary>Variants from the offline generator over the chunks the lesson cites (unflagged ones only).</summary>
public sealed class LessonVariantService(AppDbContext db, OfflineLessonGenerator generator) : IQuestionVariants
{
    public async Task<QuestionVariant?> CreateAsync(Lesson lesson, int number, CancellationToken ct)
    {
        var chunkIds = lesson.Sources.Select(s => s.ChunkId).ToList();
        var chunks = await db.KnowledgeChunks.AsNoTracking()
            .Where(c => chunkIds.Contains(c.Id) && c.SafetyFlag == null)
            .Join(db.KnowledgeDocuments, c => c.DocumentId, d => d.Id, (c, d) => new { Chunk = c, d.Title })
            .ToListAsync(ct);
        var retrieved = chunks.OrderBy(c => chunkIds.IndexOf(c.Chunk.Id))
            .Select(c => new RetrievedChunk(c.Chunk.Id, c.Chunk.DocumentId, c.Title, c.Chunk.HeadingPath, c.Chunk.Text, c.Chunk.Position, c.Chunk.PageStart, c.Chunk.PageEnd, 1, 1, false, c.Chunk.Embedding))
            .ToList();
        var context = new LessonGenerationContext(lesson.Topic, lesson.Difficulty, null, retrieved);
        var variant = await generator.CreateVariantAsync(context, lesson.QuizQuestion, lesson.QuizOptions, lesson.CorrectAnswer, lesson.Explanation, number, ct);
        return variant is null
            ? null
            : new QuestionVariant(variant.QuizQuestion, variant.QuizOptions, variant.CorrectAnswer, variant.Explanation, variant.QuestionType.ToString().ToLowerInvariant());
    }
}
