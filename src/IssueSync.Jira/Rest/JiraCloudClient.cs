using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Http;
using IssueSync.Jira.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IssueSync.Jira.Rest;

/// <summary>The typed HttpClient behind <see cref="IJiraCloudClient"/>.</summary>
internal sealed class JiraCloudClient(
    HttpClient httpClient, IOptions<AtlassianOptions> options, TimeProvider time, ILogger<JiraCloudClient> logger) : IJiraCloudClient
{
    // Pages are bounded by Jira's total; this only stops a server that keeps answering full pages forever.
    private const int MaxPages = 500;

    private readonly AtlassianHttp _http = new(httpClient, time, logger);
    private readonly AtlassianOptions _options = options.Value;

    public Task<JiraResult<IReadOnlyList<CreateMetaIssueType>>> GetCreateMetaIssueTypesAsync(
        JiraRequestContext context, string projectIdOrKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectIdOrKey);
        return GetAllPagesAsync(
            context,
            $"issue/createmeta/{Segment(projectIdOrKey)}/issuetypes",
            "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes",
            $"Reading the issue types of project {projectIdOrKey}",
            ["issueTypes", "values", "results"],
            CreateMetaParser.IssueType,
            cancellationToken);
    }

    public Task<JiraResult<IReadOnlyList<CreateMetaField>>> GetCreateMetaFieldsAsync(
        JiraRequestContext context, string projectIdOrKey, string issueTypeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectIdOrKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(issueTypeId);
        return GetAllPagesAsync(
            context,
            $"issue/createmeta/{Segment(projectIdOrKey)}/issuetypes/{Segment(issueTypeId)}",
            "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}",
            $"Reading the create fields of project {projectIdOrKey}, issue type {issueTypeId}",
            ["fields", "results"],
            CreateMetaParser.Field,
            cancellationToken);
    }

    public async Task<JiraResult<CreateMetadata>> GetCreateMetadataAsync(
        JiraRequestContext context, string projectIdOrKey, string? issueTypeNameOrId, CancellationToken cancellationToken)
    {
        var types = await GetCreateMetaIssueTypesAsync(context, projectIdOrKey, cancellationToken);
        if (!types.IsSuccess)
        {
            return types.Error;
        }

        IEnumerable<CreateMetaIssueType> wanted = types.Value;
        if (issueTypeNameOrId is not null)
        {
            var resolution = IssueTypeResolution.Resolve(types.Value, issueTypeNameOrId, projectIdOrKey);
            wanted = resolution.IsResolved ? [resolution.IssueType] : [];
        }

        var fields = new Dictionary<string, IReadOnlyList<CreateMetaField>>(StringComparer.Ordinal);
        foreach (var type in wanted)
        {
            var page = await GetCreateMetaFieldsAsync(context, projectIdOrKey, type.Id, cancellationToken);
            if (!page.IsSuccess)
            {
                return page.Error;
            }

            fields[type.Id] = page.Value;
        }

        return new CreateMetadata { ProjectIdOrKey = projectIdOrKey, IssueTypes = types.Value, FieldsByIssueTypeId = fields };
    }

    public async Task<JiraResult<CreatedIssue>> CreateIssueAsync(JiraRequestContext context, JsonObject requestBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requestBody);
        const string Operation = "Creating the issue";
        var exchange = await _http.SendAsync(
            HttpMethod.Post,
            Url(context, "issue"),
            Route(context, "/rest/api/3/issue"),
            context.AccessToken,
            AtlassianHttp.Json(requestBody.ToJsonString(AdfJson.SerializerOptions)),
            _options.RequestTimeout,
            cancellationToken);
        if (Failed(exchange, Operation, isCreate: true) is { } error)
        {
            return error;
        }

        var json = JsonRead.Parse(exchange.Reply!.Body);
        var id = json is { } j ? JsonRead.String(j, "id") : null;
        var key = json is { } k ? JsonRead.String(k, "key") : null;
        if (id is null || key is null)
        {
            // The issue was created but the answer is unreadable: only a lookup can tell which one it is.
            return new JiraError
            {
                Kind = JiraErrorKind.UnknownOutcome,
                StatusCode = exchange.Reply.StatusCode,
                Message = $"{Operation}: Jira answered {exchange.Reply.StatusCode} without an issue id and key. Look the issue up by its dedupe label.",
            };
        }

        return new CreatedIssue(id, key, JsonRead.String(json!.Value, "self"));
    }

    public async Task<JiraResult<FoundIssue>> GetIssueAsync(JiraRequestContext context, string issueIdOrKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(issueIdOrKey);
        var operation = $"Reading issue {issueIdOrKey}";
        var exchange = await _http.SendAsync(
            HttpMethod.Get,
            Url(context, $"issue/{Segment(issueIdOrKey)}?fields=summary,labels"),
            Route(context, "/rest/api/3/issue/{issueIdOrKey}"),
            context.AccessToken,
            null,
            _options.RequestTimeout,
            cancellationToken);
        if (Failed(exchange, operation, isCreate: false) is { } error)
        {
            return error;
        }

        if (JsonRead.Parse(exchange.Reply!.Body) is not { ValueKind: JsonValueKind.Object } issue || JsonRead.String(issue, "id") is not { } id)
        {
            return new JiraError { Kind = JiraErrorKind.Unexpected, StatusCode = exchange.Reply.StatusCode, Message = $"{operation}: Jira's answer has no issue id." };
        }

        var fields = JsonRead.Property(issue, "fields");
        return JiraResult.Success(new FoundIssue(id, JsonRead.String(issue, "key") ?? issueIdOrKey,
            fields is { } f ? JsonRead.String(f, "summary") : null, fields is { } l ? JsonRead.Strings(l, "labels") : []));
    }

    public async Task<JiraResult<IReadOnlyList<FoundIssue>>> SearchIssuesByLabelAsync(
        JiraRequestContext context, string projectKey, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var body = new JsonObject
        {
            ["jql"] = Jql.ProjectAndLabel(projectKey, label),
            ["fields"] = new JsonArray("key", "summary", "labels"),
            ["maxResults"] = 10,
        };
        var operation = $"Searching project {projectKey} for label {label}";
        var exchange = await _http.SendAsync(
            HttpMethod.Post,
            Url(context, "search/jql"),
            Route(context, "/rest/api/3/search/jql"),
            context.AccessToken,
            AtlassianHttp.Json(body.ToJsonString()),
            _options.RequestTimeout,
            cancellationToken);
        if (Failed(exchange, operation, isCreate: false) is { } error)
        {
            return error;
        }

        var found = new List<FoundIssue>();
        if (JsonRead.Parse(exchange.Reply!.Body) is { } root && JsonRead.Array(root, "issues") is { } issues)
        {
            foreach (var issue in issues.EnumerateArray())
            {
                var id = JsonRead.String(issue, "id");
                if (id is null)
                {
                    continue;
                }

                var fields = JsonRead.Property(issue, "fields");
                found.Add(new FoundIssue(
                    id,
                    JsonRead.String(issue, "key") ?? "",
                    fields is { } f ? JsonRead.String(f, "summary") : null,
                    fields is { } l ? JsonRead.Strings(l, "labels") : []));
            }
        }

        return JiraResult.Success<IReadOnlyList<FoundIssue>>(found);
    }

    private async Task<JiraResult<IReadOnlyList<T>>> GetAllPagesAsync<T>(
        JiraRequestContext context,
        string path,
        string routeTemplate,
        string operation,
        string[] arrayNames,
        Func<JsonElement, T?> parse,
        CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        var startAt = 0;
        var pageSize = _options.CreateMetaPageSize;
        for (var page = 0; page < MaxPages; page++)
        {
            var url = Url(context, $"{path}?startAt={startAt.ToString(CultureInfo.InvariantCulture)}&maxResults={pageSize.ToString(CultureInfo.InvariantCulture)}");
            var exchange = await _http.SendAsync(
                HttpMethod.Get, url, Route(context, routeTemplate), context.AccessToken, null, _options.RequestTimeout, cancellationToken);
            if (Failed(exchange, operation, isCreate: false) is { } error)
            {
                return error;
            }

            if (JsonRead.Parse(exchange.Reply!.Body) is not { ValueKind: JsonValueKind.Object } root)
            {
                return new JiraError
                {
                    Kind = JiraErrorKind.Unexpected,
                    StatusCode = exchange.Reply.StatusCode,
                    Message = $"{operation}: Jira answered {exchange.Reply.StatusCode} with a body that is not a JSON object.",
                };
            }

            var count = 0;
            if (JsonRead.Array(root, arrayNames) is { } array)
            {
                foreach (var element in array.EnumerateArray())
                {
                    count++;
                    if (parse(element) is { } item)
                    {
                        items.Add(item);
                    }
                }
            }

            var total = JsonRead.Int(root, "total");
            var isLast = JsonRead.Bool(root, "isLast");
            startAt += count;
            if (count == 0 || isLast || (total is { } t ? startAt >= t : count < pageSize))
            {
                return JiraResult.Success<IReadOnlyList<T>>(items);
            }
        }

        return new JiraError
        {
            Kind = JiraErrorKind.Unexpected,
            Message = $"{operation}: Jira kept returning pages after {MaxPages} requests; stopped.",
        };
    }

    private JiraError? Failed(HttpExchange exchange, string operation, bool isCreate)
    {
        if (exchange.Failure is { } failure)
        {
            return JiraErrorClassifier.FromTransport(failure, operation, isCreate);
        }

        return exchange.Reply!.IsSuccess ? null : JiraErrorClassifier.FromReply(exchange.Reply, operation, isCreate, time.GetUtcNow());
    }

    private Uri Url(JiraRequestContext context, string pathAndQuery) =>
        new($"{_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/ex/jira/{Segment(context.CloudId)}/rest/api/3/{pathAndQuery}");

    private static string Route(JiraRequestContext context, string template) => $"/ex/jira/{context.CloudId}{template}";

    private static string Segment(string value) => Uri.EscapeDataString(value.Trim());
}
