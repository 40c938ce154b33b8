using Microsoft.AspNetCore.Http.HttpResults;
namespace BmoLearning.Host.Errors;

/// <summary>Collects validation errors per snake_case field and turns them into a 422 ProblemDetails.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        else
        {
            PlainText(field, value);
        }

        return this;
    }

    /// <summary>
    /// One line of text a person typed: no control characters (NUL, BEL, line breaks; PostgreSQL refuses NUL) and
    /// no bidirectional overrides, which make a name or topic display as something other than what it holds.
    /// </summary>
    public FieldErrors PlainText(string field, string? value)
    {
        if (value is not null && value.Any(IsForbidden))
        {
            Add(field, "must not contain control characters or bidirectional formatting characters.");
        }

        return this;
    }

    private static bool IsForbidden(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    public FieldErrors Range(string field, int? value, int min, int max)
    {
        if (value is not null && (value < min || value > max))
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public ProblemHttpResult ToProblem() => ApiProblems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
