using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IssueSync.Contracts;

namespace IssueSync.Benchmarks;

/// <summary>
/// The baseline: the recipe blog posts give for "create a Jira issue from a message", run per message with no cache
/// and no ledger: find the site (<c>GET /oauth/token/accessible-resources</c>), find the issue type
/// (<c>GET …/issue/createmeta/{project}/issuetypes</c>), then <c>POST …/issue</c> with the description as one paragraph.
/// </summary>
public sealed class NaiveRecipe(HttpClient http, IReadOnlyDictionary<string, string> accessTokens)
{
    public async Task<bool> CreateAsync(CreateIssue command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var token = accessTokens[command.ConnectionId];
        using var sites = await GetAsync("oauth/token/accessible-resources", token, cancellationToken);
        var cloudId = sites.RootElement[0].GetProperty("id").GetString();
        using var types = await GetAsync($"ex/jira/{cloudId}/rest/api/3/issue/createmeta/{command.ProjectKey}/issuetypes", token, cancellationToken);
        var issueTypeId = types.RootElement.GetProperty("issueTypes").EnumerateArray()
            .First(t => t.GetProperty("name").GetString() == command.IssueType).GetProperty("id").GetString();
        var body = new
        {
            fields = new
            {
                project = new { key = command.ProjectKey },
                issuetype = new { id = issueTypeId },
                summary = command.Summary,
                description = new
                {
                    type = "doc",
                    version = 1,
                    content = new[] { new { type = "paragraph", content = new[] { new { type = "text", text = command.DescriptionMarkdown ?? "" } } } },
                },
                priority = new { name = command.Priority },
                labels = command.Labels,
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"ex/jira/{cloudId}/rest/api/3/issue", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<JsonDocument> GetAsync(string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
