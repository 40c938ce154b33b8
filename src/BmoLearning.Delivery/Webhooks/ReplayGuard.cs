using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Delivery.Webhooks;

/// <summary>Remembers processed webhook requests (in the database, so every API instance sees them) and refuses a repeat.</summary>
public sealed class ReplayGuard(AppDbContext db, TimeProvider time)
{
    /// <summary>How long receipts are kept. Slack requests older than the signature tolerance are refused anyway.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>True the first time a (provider, key) is seen; false for a replay.</summary>
    public async Task<bool> TryRecordAsync(string provider, string key, CancellationToken ct)
    {
        var now = time.Now();
        if (await db.WebhookReceipts.AnyAsync(r => r.Provider == provider && r.Key == key, ct))
        {
            return false;
        }

        var receipt = new WebhookReceipt { Provider = provider, Key = key, ReceivedAt = now };
        // The same request may arrive twice at once; the unique index lets one through.
        if (!(await db.InsertOrGetAsync(receipt, r => r.Provider == provider && r.Key == key, ct)).Inserted)
        {
            return false;
        }

        var cutoff = now - Retention;
        await db.WebhookReceipts.Where(r => r.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        return true;
    }
}
