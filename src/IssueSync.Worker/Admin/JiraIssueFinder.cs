using IssueSync.Jira.Rest;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin;

/// <summary>Checks in Jira that an issue an operator names exists, on the site a command's create request went to.</summary>
public sealed class JiraIssueFinder(IssueSyncDbContext db, AccessTokenService tokens, IJiraCloudClient jira)
{
    public async Task<AdminResult<FoundIssueOnSite>> FindAsync(IssueCommand command, string issueKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == command.ConnectionName, cancellationToken);
        var cloudId = command.CloudId ?? connection?.CloudId;
        if (connection is null || cloudId is null)
        {
            return AdminResult<FoundIssueOnSite>.Invalid("issueKey", $"The command's connection '{command.ConnectionName}' or its site is gone: the issue cannot be checked.");
        }

        var token = await tokens.GetAsync(connection, null, cancellationToken);
        if (!token.IsReady)
        {
            return AdminResult<FoundIssueOnSite>.Unavailable($"No access token for connection '{connection.Name}': {token.Message}");
        }

        var found = await jira.GetIssueAsync(new JiraRequestContext(cloudId, token.AccessToken), issueKey, cancellationToken);
        return found.IsSuccess
            ? AdminResult<FoundIssueOnSite>.Ok(new FoundIssueOnSite(found.Value.Key, found.Value.Id, cloudId))
            : AdminResult<FoundIssueOnSite>.Invalid("issueKey", $"Jira does not know issue {issueKey} on site {cloudId}: {found.Error.Message}");
    }
}

public sealed record FoundIssueOnSite(string Key, string Id, string CloudId);
