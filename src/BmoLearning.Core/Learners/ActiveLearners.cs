namespace BmoLearning.Core.Learners;

/// <summary>
/// Learners who have not been erased. Erased learners keep a pseudonymous row so analytics totals do not change
/// (issue 14), so this is a named filter used by the learner-facing queries, not a global query filter.
/// </summary>
public static class ActiveLearners
{
    public static IQueryable<Learner> NotErased(this IQueryable<Learner> learners) => learners.Where(l => l.ErasedAt == null);
}
