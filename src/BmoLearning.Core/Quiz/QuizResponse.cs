namespace BmoLearning.Core.Quiz;

/// <summary>A learner's answer to a lesson's question; one per learner and lesson.</summary>
public sealed class QuizResponse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LearnerId { get; set; }
    public Guid LessonId { get; set; }
    public int AnswerGiven { get; set; }
    public bool Correct { get; set; }
    public int? TimeTakenSeconds { get; set; }
    public string? Channel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
