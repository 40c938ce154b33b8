namespace BmoLearning.Core.LearningPaths;

public enum PathStatus
{
    Active,
    Paused,
    Completed,
}
