using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Common;

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PerPage, int Total);

/// <summary>page (from 1) and per_page (1–100, default 20) query parameters.</summary>
public sealed class Paging(int? page, int? perPage)
{
    public const int MaxPerPage = 100;

    public int Number { get; } = page ?? 1;

    public int PerPage { get; } = perPage ?? 20;

    public int Skip => (Number - 1) * PerPage;

    public static ProblemHttpResult? Validate(int? page, int? perPage)
    {
        var errors = new FieldErrors().Range("page", page, 1, 1_000_000).Range("per_page", perPage, 1, MaxPerPage);
        return errors.Any ? errors.ToProblem() : null;
    }

    public PageOf<T> Page<T>(IReadOnlyList<T> items, int total) => new(items, Number, PerPage, total);
}
