using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Worker.Admin;

public enum AdminOutcome
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
    Unavailable,
}

/// <summary>What an admin operation came to; the endpoints turn it into a status code and a problem body.</summary>
public sealed record AdminResult<T>(AdminOutcome Outcome, T? Value, string? Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == AdminOutcome.Ok && Value is not null;

#pragma warning disable CA1000 // Factory methods on the generic result read best at the call site.
    public static AdminResult<T> Ok(T value) => new(AdminOutcome.Ok, value, null);

    public static AdminResult<T> Invalid(string field, string message) =>
        new(AdminOutcome.Invalid, default, message, new Dictionary<string, string[]> { [field] = [message] });

    public static AdminResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors, string message) => new(AdminOutcome.Invalid, default, message, errors);

    public static AdminResult<T> NotFound(string message) => new(AdminOutcome.NotFound, default, message);

    public static AdminResult<T> Conflict(string message) => new(AdminOutcome.Conflict, default, message);

    public static AdminResult<T> Unavailable(string message) => new(AdminOutcome.Unavailable, default, message);
#pragma warning restore CA1000
}
