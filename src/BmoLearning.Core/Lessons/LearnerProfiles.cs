using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Lessons;

public static class LearnerProfiles
{
    /// <summary>The learner's quiz record across all paths: enough to pitch a lesson, nothing that identifies them. Null with no answers yet.</summary>
    public static async Task<LearnerProfile?> ForAsync(AppDbContext db, Guid learnerId, CancellationToken ct)
    {
        var answered = await db.QuizResponses.CountAsync(q => q.LearnerId == learnerId, ct);
        if (answered == 0)
        {
            return null;
        }

        var correct = await db.QuizResponses.CountAsync(q => q.LearnerId == learnerId && q.Correct, ct);
        return new LearnerProfile(answered, correct / (double)answered);
    }
}
