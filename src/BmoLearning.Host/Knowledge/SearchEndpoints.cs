using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Knowledge;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Knowledge;

public sealed record SearchHit(
    long ChunkId,
    Guid DocumentId,
    string DocumentTitle,
    string Section,
    string HeadingPath,
    int? PageStart,
    int? PageEnd,
    double Score,
    double Similarity,
    bool KeywordMatch,
    string Text);

public sealed record SearchResponse(string Query, int K, IReadOnlyList<SearchHit> Results);

public static class SearchEndpoints
{
    public const int MaxK = 50;

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).WithTags("Knowledge").WithName("SearchKnowledge").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    /// <summary>Hybrid retrieval as lessons see it: chunks with scores and citations.</summary>
    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        string? q, int? k, string? category, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "document_id")] Guid? documentId, IKnowledgeIndex index, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("q", q, 500).Range("k", k, 1, MaxK);
        DocumentCategory? parsedCategory = null;
        if (category is not null)
        {
            if (Enum.TryParse<DocumentCategory>(category, ignoreCase: true, out var c) && !int.TryParse(category, out _))
            {
                parsedCategory = c;
            }
            else
            {
                errors.Add("category", "must be one of lesson, reference, quiz, general.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new RetrievalQuery(q!.Trim(), k ?? 5) { Category = parsedCategory, DocumentId = documentId };
        var hits = await index.SearchAsync(query, ct);
        return TypedResults.Ok(new SearchResponse(query.Text, query.K, hits.Select(h => new SearchHit(
            h.ChunkId, h.DocumentId, h.DocumentTitle, h.Section, h.HeadingPath, h.PageStart, h.PageEnd,
            Math.Round(h.Score, 5), Math.Round(h.Similarity, 4), h.KeywordMatch, h.Text)).ToList()));
    }
}
