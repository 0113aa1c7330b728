using System.Diagnostics.CodeAnalysis;
using IssueSync.Jira.Errors;

namespace IssueSync.Jira.Rest;

/// <summary>A value from Jira, or the classified reason there is none.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class JiraResult<T>
    where T : class
{
    internal JiraResult(T? value, JiraError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value on success.</summary>
    public T? Value { get; }

    /// <summary>The failure otherwise.</summary>
    public JiraError? Error { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Converts a value to a successful result.</summary>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "JiraResult.Success is the named alternate.")]
    public static implicit operator JiraResult<T>(T value) => JiraResult.Success(value);

    /// <summary>Converts an error to a failed result.</summary>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "JiraResult.Failure is the named alternate.")]
    public static implicit operator JiraResult<T>(JiraError error) => JiraResult.Failure<T>(error);
}

/// <summary>Factories for <see cref="JiraResult{T}"/>.</summary>
public static class JiraResult
{
    /// <summary>A successful result.</summary>
    public static JiraResult<T> Success<T>(T value)
        where T : class => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    public static JiraResult<T> Failure<T>(JiraError error)
        where T : class => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
