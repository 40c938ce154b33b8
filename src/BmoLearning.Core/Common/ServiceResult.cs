namespace BmoLearning.Core.Common;

public enum ServiceStatus
{
    Ok,
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>The outcome of a service call, mapped to HTTP by the host (404, 409, 422) without exceptions.</summary>
public sealed record ServiceResult<T>
{
    public ServiceStatus Status { get; private init; }
    public T? Value { get; private init; }
    public string? Message { get; private init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = new Dictionary<string, string[]>();

    public static ServiceResult<T> Ok(T value) => new() { Status = ServiceStatus.Ok, Value = value };

    public static ServiceResult<T> NotFound(string message) => new() { Status = ServiceStatus.NotFound, Message = message };

    public static ServiceResult<T> Conflict(string message) => new() { Status = ServiceStatus.Conflict, Message = message };

    public static ServiceResult<T> Invalid(string field, string error) =>
        new() { Status = ServiceStatus.Invalid, Message = error, Errors = new Dictionary<string, string[]> { [field] = [error] } };

    public static ServiceResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new() { Status = ServiceStatus.Invalid, Message = string.Join("; ", errors.SelectMany(e => e.Value)), Errors = errors };
}
