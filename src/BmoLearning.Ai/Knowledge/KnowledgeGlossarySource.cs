using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Ai.Knowledge;

/// <summary>
/// The glossary of the whole knowledge base, for quiz distractors "that the knowledge base uses". It is computed from
/// the stored chunks on first use and cached under a fingerprint of their content hashes, rather than stored in its
/// own table: it is a pure function of the chunk text, so it cannot drift from the chunks, needs no migration, and
/// re-ingesting unchanged text gives the same fingerprint and the same glossary. A changed knowledge base costs one
/// rebuild (a few hundred chunks: milliseconds).
/// </summary>
public sealed class KnowledgeGlossarySource(IServiceScopeFactory scopes, ILogger<KnowledgeGlossarySource> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Fingerprint, KnowledgeGlossary Glossary)? _cached;

    /// <summary>The glossary; empty (lessons then use the retrieved chunks' own terms) when the store cannot be read.</summary>
    public async Task<KnowledgeGlossary> GetAsync(CancellationToken ct)
    {
        try
        {
            return await LoadAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The glossary improves wrong options; a lesson must not fail because it could not be read.
            logger.LogWarning("The knowledge glossary could not be read ({Error}); using the retrieved chunks only", ex.GetType().Name);
            return _cached?.Glossary ?? KnowledgeGlossary.Empty;
        }
    }

    private async Task<KnowledgeGlossary> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The AI role can run without the database (chunks arrive in the request); then only the request's chunks count.
        if (scope.ServiceProvider.GetService<AppDbContext>() is not { } db)
        {
            return KnowledgeGlossary.Empty;
        }

        var hashes = await db.KnowledgeChunks.AsNoTracking().Where(c => c.SafetyFlag == null).Select(c => c.ContentHash).ToListAsync(ct);
        hashes.Sort(StringComparer.Ordinal);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', hashes))));
        if (_cached is { } hit && hit.Fingerprint == fingerprint)
        {
            return hit.Glossary;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && again.Fingerprint == fingerprint)
            {
                return again.Glossary;
            }

            var texts = await db.KnowledgeChunks.AsNoTracking().Where(c => c.SafetyFlag == null).Select(c => c.Text).ToListAsync(ct);
            var glossary = KnowledgeGlossary.Build(texts);
            _cached = (fingerprint, glossary);
            return glossary;
        }
        finally
        {
            _gate.Release();
        }
    }
}
