using System.Text.Json.Nodes;
using IssueSync.Jira.Metadata;

namespace IssueSync.Jira.Rest;

/// <summary>
/// Jira Cloud REST v3 through the Atlassian gateway (<c>{ApiBaseUrl}/ex/jira/{cloudId}/rest/api/3</c>).
/// Nothing is retried here: the worker owns retries and dedupe. Caller cancellation throws
/// <see cref="OperationCanceledException"/>; every other failure is a classified <see cref="Errors.JiraError"/>.
/// </summary>
public interface IJiraCloudClient
{
    /// <summary>All issue types the user can create in the project, following every page of <c>createmeta/{project}/issuetypes</c>.</summary>
    Task<JiraResult<IReadOnlyList<CreateMetaIssueType>>> GetCreateMetaIssueTypesAsync(JiraRequestContext context, string projectIdOrKey, CancellationToken cancellationToken);

    /// <summary>All fields on the create screen of one issue type, following every page of <c>createmeta/{project}/issuetypes/{id}</c>.</summary>
    Task<JiraResult<IReadOnlyList<CreateMetaField>>> GetCreateMetaFieldsAsync(
        JiraRequestContext context, string projectIdOrKey, string issueTypeId, CancellationToken cancellationToken);

    /// <summary>
    /// The project's issue types and the fields of the issue type named by <paramref name="issueTypeNameOrId"/>
    /// (or of every type when it is null). An unknown or ambiguous type is not an error here: the builder reports it.
    /// </summary>
    Task<JiraResult<CreateMetadata>> GetCreateMetadataAsync(
        JiraRequestContext context, string projectIdOrKey, string? issueTypeNameOrId, CancellationToken cancellationToken);

    /// <summary>POST /rest/api/3/issue with a body from <see cref="IssueCreateRequestBuilder"/>. A timeout, dropped connection or 5xx gives <see cref="Errors.JiraErrorKind.UnknownOutcome"/>.</summary>
    Task<JiraResult<CreatedIssue>> CreateIssueAsync(JiraRequestContext context, JsonObject requestBody, CancellationToken cancellationToken);

    /// <summary>Reads one issue (id, key, summary, labels): <c>GET /rest/api/3/issue/{issueIdOrKey}</c>.</summary>
    Task<JiraResult<FoundIssue>> GetIssueAsync(JiraRequestContext context, string issueIdOrKey, CancellationToken cancellationToken);

    /// <summary>Finds issues in the project carrying the label (POST /rest/api/3/search/jql), e.g. to dedupe after an unknown outcome. Search lags writes by a few seconds.</summary>
    Task<JiraResult<IReadOnlyList<FoundIssue>>> SearchIssuesByLabelAsync(JiraRequestContext context, string projectKey, string label, CancellationToken cancellationToken);
}
