using System.Net;

namespace IssueSync.Worker.Admin;

/// <summary>The admin API's error answers: RFC 7807 problem details whose detail says what happened and what to do.</summary>
public static class AdminProblems
{
    public static IResult NotFound(string detail) => Problem(HttpStatusCode.NotFound, detail);

    public static IResult Conflict(string detail) => Problem(HttpStatusCode.Conflict, detail);

    public static IResult BadRequest(string detail) => Problem(HttpStatusCode.BadRequest, detail);

    /// <summary>Something Atlassian or Jira was asked for did not answer as it should.</summary>
    public static IResult Upstream(string detail) => Problem(HttpStatusCode.BadGateway, detail);

    public static IResult NotImplemented(string detail) => Problem(HttpStatusCode.NotImplemented, detail);

    /// <summary>400 with one field's error.</summary>
    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] }, message);

    /// <summary>400 with per-field errors.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors, string detail) =>
        Results.ValidationProblem(errors, detail, title: "The request is not valid.");

    private static IResult Problem(HttpStatusCode status, string detail) =>
        Results.Problem(detail: detail, statusCode: (int)status, title: status switch
        {
            HttpStatusCode.NotFound => "Not found",
            HttpStatusCode.Conflict => "Conflict",
            HttpStatusCode.BadRequest => "Bad request",
            HttpStatusCode.BadGateway => "Upstream failure",
            _ => status.ToString(),
        });
}
