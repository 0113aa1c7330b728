using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Worker.Admin;

/// <summary>A value, or the problem answer (404, 409, 400, 502) that says why there is none.</summary>
public sealed record AdminResult<T>(T? Value, IResult? Problem)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsOk => Value is not null;

#pragma warning disable CA1000 // Factory methods on the generic result read best at the call site.
    public static AdminResult<T> Ok(T value) => new(value, null);

    public static AdminResult<T> Fail(IResult problem) => new(null, problem);
#pragma warning restore CA1000
}
