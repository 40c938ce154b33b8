namespace BmoLearning.Learning.Fsrs;

/// <summary>How well a learner recalled a concept; the numeric values are FSRS's grades 1–4.</summary>
public enum Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// <summary>Where a concept is in FSRS's life cycle (ts-fsrs <c>State</c>).</summary>
public enum ReviewPhase
{
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}
