using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Jira.Rest;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Metadata;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>What the create metadata says of an edited command: its field problems, or why it could not be checked.</summary>
public sealed record PreflightResult(IReadOnlyList<FieldError> Problems, string? NotChecked)
{
    public bool Checked => NotChecked is null;

    public static PreflightResult Skipped(string why) => new([], why);
}

/// <summary>
/// Checks an edited command against Jira's create metadata before anything changes, with the pipeline's own steps
/// (site, description, request builder; cached metadata, looked up again once when it finds problems). When the
/// command cannot be checked now (its connection is not active, no token, Jira does not answer) that is said, and the
/// attempt after the edit checks it as every attempt does.
/// </summary>
public sealed class EditPreflight(IssueSyncDbContext db, AccessTokenService tokens, CreateMetadataCache metadata)
{
    public async Task<PreflightResult> CheckAsync(IssueCommand command, CreateIssue edited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(edited);
        var (document, failure) = CommandProcessor.BuildDescription(edited);
        if (failure is AttemptOutcome.Failed failed)
        {
            return new PreflightResult(failed.FieldErrors.Count > 0 ? failed.FieldErrors : [new FieldError("description", failed.Detail)], null);
        }

        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == edited.ConnectionId, cancellationToken);
        if (connection is not { Status: ConnectionStatus.Active })
        {
            return PreflightResult.Skipped($"connection '{edited.ConnectionId}' is not active");
        }

        if (CommandProcessor.ResolveSite(connection, edited.Site, out var siteError) is not { } cloudId)
        {
            return new PreflightResult([new FieldError("site", siteError!)], null);
        }

        var token = await tokens.GetAsync(connection, null, cancellationToken);
        if (!token.IsReady)
        {
            return PreflightResult.Skipped($"no access token for connection '{connection.Name}': {token.Message}");
        }

        var context = new JiraRequestContext(cloudId, token.AccessToken);
        var account = connection.AtlassianAccountId ?? $"connection:{connection.Id:N}";
        var draft = CommandProcessor.Draft(edited, document, command.DedupeLabel ?? DedupeLabel.For(command.IdempotencyKey));
        for (var refresh = false; ; refresh = true)
        {
            var lookup = await metadata.GetAsync(context, account, edited.ProjectKey, edited.IssueType, refresh, cancellationToken);
            if (!lookup.IsFound)
            {
                return lookup.Error.StatusCode is 404
                    ? new PreflightResult([new FieldError("projectKey", $"Jira knows no issue type '{edited.IssueType}' in project '{edited.ProjectKey}' for this user: {lookup.Error.Message}")], null)
                    : PreflightResult.Skipped($"Jira's create metadata could not be read: {lookup.Error.Message}");
            }

            var build = IssueCreateRequestBuilder.Build(draft, lookup.Metadata);
            if (build.IsValid || refresh || lookup.Fresh)
            {
                return new PreflightResult(build.Problems.Select(p => new FieldError(p.Field, p.Message)).ToList(), null);
            }
        }
    }
}
