using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace BmoLearning.Core.Jobs;

/// <summary>
/// Claims work rows (a lesson request, a delivery) for one worker. The claim is a single conditional UPDATE: the
/// query names the one row and the states it may be claimed from (queued, or held by a lease that ran out), the
/// update moves it on and stamps it. The database lets exactly one concurrent claimer change the row, so two
/// workers, or a retry racing a crashed worker's job, never run the same work at once.
/// </summary>
public static class LeaseClaim
{
    /// <summary>True when this caller claimed the row; false when it was finished, held, or claimed by someone else first.</summary>
    public static async Task<bool> TryClaimAsync<T>(this IQueryable<T> claimableRow, Action<UpdateSettersBuilder<T>> claim, CancellationToken ct)
        where T : class =>
        await claimableRow.ExecuteUpdateAsync(claim, ct) == 1;
}
