using BmoLearning.Core.Lessons;

namespace BmoLearning.Core.Adaptive;

/// <summary>Another question on the fact a lesson taught, never the original question and option set.</summary>
public sealed record QuestionVariant(string QuizQuestion, IReadOnlyList<string> QuizOptions, int CorrectAnswer, string Explanation, string QuestionType);

/// <summary>Makes review questions (the lesson variant generator, behind GET /api/v1/lessons/{id}/variant too).</summary>
public interface IQuestionVariants
{
    /// <summary>Variant <paramref name="number"/> of the lesson's question, or null when its sources allow no other fair question.</summary>
    Task<QuestionVariant?> CreateAsync(Lesson lesson, int number, CancellationToken ct);
}
