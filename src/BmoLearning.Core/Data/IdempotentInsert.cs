using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Data;

/// <summary>
/// Inserts a row that a unique index keeps single, when concurrent writers may insert the same row at once:
/// the first insert wins and everyone else gets the winner's row instead of an error. The one place this race
/// is handled, so each caller need not catch and re-read by hand.
/// </summary>
public static class IdempotentInsert
{
    /// <summary>
    /// Saves <paramref name="entity"/>, or when a concurrent writer already stored a row with the same unique
    /// key (<paramref name="sameKey"/>), returns that row, tracked. The context must hold no other pending
    /// changes: they would be saved (or fail) with this insert.
    /// </summary>
    public static async Task<InsertResult<T>> InsertOrGetAsync<T>(
        this DbContext db, T entity, Expression<Func<T, bool>> sameKey, CancellationToken ct)
        where T : class
    {
        db.Set<T>().Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
            return new InsertResult<T>(entity, Inserted: true);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            db.Entry(entity).State = EntityState.Detached;
            // No row under the key means the failure was something else (a foreign key, a lost connection): not ours to hide.
            var winner = await db.Set<T>().SingleOrDefaultAsync(sameKey, ct);
            if (winner is null)
            {
                throw;
            }

            return new InsertResult<T>(winner, Inserted: false);
        }
    }
}

/// <summary>The stored row, and whether this call inserted it (false: a concurrent writer did).</summary>
public readonly record struct InsertResult<T>(T Row, bool Inserted);
