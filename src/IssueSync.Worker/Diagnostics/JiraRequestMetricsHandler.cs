namespace IssueSync.Worker.Diagnostics;

/// <summary>
/// Counts every request to Atlassian by endpoint, status and RateLimit-Reason (issuesync.jira.requests). It only
/// observes: no retry, no logging of URLs (which carry authorization codes on some paths).
/// </summary>
public sealed class JiraRequestMetricsHandler(WorkerMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = Endpoint(request.Method, request.RequestUri?.AbsolutePath ?? "");
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var reason = response.Headers.TryGetValues("RateLimit-Reason", out var values) ? values.FirstOrDefault() : null;
            metrics.JiraRequest(endpoint, (int)response.StatusCode, reason);
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.JiraRequest(endpoint, 0, null);
            throw;
        }
    }

    /// <summary>A low-cardinality name for the request: no cloud ids, keys or numbers.</summary>
    public static string Endpoint(HttpMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith("/oauth/token/accessible-resources", StringComparison.Ordinal))
        {
            return "accessible-resources";
        }

        if (path.EndsWith("/oauth/token", StringComparison.Ordinal))
        {
            return "token";
        }

        var api = path.IndexOf("/rest/api/3/", StringComparison.Ordinal);
        if (api < 0)
        {
            return "other";
        }

        var rest = path[(api + "/rest/api/3/".Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return rest switch
        {
            ["issue"] when method == HttpMethod.Post => "create-issue",
            ["issue", "createmeta", _, "issuetypes"] => "createmeta-issuetypes",
            ["issue", "createmeta", _, "issuetypes", _] => "createmeta-fields",
            ["search", "jql"] => "search-jql",
            _ => "other",
        };
    }
}
