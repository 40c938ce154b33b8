using BmoLearning.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BmoLearning.Host.Errors;

/// <summary>The few error responses the API returns, with stable titles.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Validation failed",
            Detail = "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
            Type = "https://httpstatuses.io/422",
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found", type: "https://httpstatuses.io/404");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", type: "https://httpstatuses.io/409");

    /// <summary>Maps a failed service result to its HTTP problem.</summary>
    public static ProblemHttpResult From<T>(ServiceResult<T> result) => result.Status switch
    {
        ServiceStatus.NotFound => NotFound(result.Message ?? "Not found."),
        ServiceStatus.Conflict => Conflict(result.Message ?? "Conflict."),
        ServiceStatus.Invalid => Validation(result.Errors.ToDictionary(e => e.Key, e => e.Value)),
        _ => throw new InvalidOperationException($"Result {result.Status} is not an error."),
    };
}
