using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console;

/// <summary>
/// What an admin slice answered, read by a console page: the status, the value of a 2xx answer, and for a problem its
/// detail and per-field errors. The console calls the same slices as the admin API and shows their answers.
/// </summary>
public sealed record SliceAnswer(int Status, object? Value, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsOk => Status is >= 200 and < 300;

    public T? ValueAs<T>()
        where T : class => Value as T;

    public static SliceAnswer Of(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var value = result is IValueHttpResult valued ? valued.Value : null;
        return value switch
        {
            HttpValidationProblemDetails invalid => new(status, null, invalid.Detail, invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
            ProblemDetails problem => new(status, null, problem.Detail ?? problem.Title, new Dictionary<string, string[]>()),
            _ => new(status, value, null, new Dictionary<string, string[]>()),
        };
    }

    /// <summary>The refusal of an action the signed-in key's role does not allow.</summary>
    public static SliceAnswer Forbidden(string detail) => new(StatusCodes.Status403Forbidden, null, detail, new Dictionary<string, string[]>());
}
