namespace BmoLearning.Core.Lessons;

public enum Difficulty
{
    Beginner,
    Intermediate,
    Advanced,
}

public static class DifficultyNames
{
    public const string Allowed = "beginner, intermediate, advanced (or easy, medium, hard)";

    /// <summary>Parses a difficulty, accepting easy|medium|hard as aliases.</summary>
    public static bool TryParse(string? value, out Difficulty difficulty)
    {
        difficulty = Difficulty.Beginner;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "beginner" or "easy":
                difficulty = Difficulty.Beginner;
                return true;
            case "intermediate" or "medium":
                difficulty = Difficulty.Intermediate;
                return true;
            case "advanced" or "hard":
                difficulty = Difficulty.Advanced;
                return true;
            default:
                return false;
        }
    }

    public static string ToApi(this Difficulty difficulty) => difficulty.ToString().ToLowerInvariant();
}
