namespace BmoLearning.Host.Errors;

/// <summary>Collects validation errors per snake_case field and turns them into a 422 ProblemDetails.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

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

        return this;
    }

    public FieldErrors Range(string field, int? value, int min, int max)
    {
        if (value is not null && (value < min || value > max))
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public IResult ToProblem() => ApiProblems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
