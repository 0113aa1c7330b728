using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/{id}/resolve {"issueKey"} | {"postAgain": true}</c>: an operator decides an uncertain command.
/// With an issue key, the issue is checked in Jira (on the site the create request went to) and the command becomes
/// Created (the producer gets IssueCreated); with postAgain, it is posted again now.
/// </summary>
public sealed class ResolveCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/{id}/resolve", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string id, ResolveRequest body, CommandFinder finder, JiraIssueFinder issues, OperatorTransitions transitions,
        LedgerClock clock, AdminAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body.IssueKey) == !body.PostAgain)
        {
            return AdminProblems.Invalid("issueKey", "Give either the key of the issue that exists (issueKey) or postAgain: true.");
        }

        var found = await finder.FindAsync(id, tracking: true, cancellationToken);
        if (!found.IsOk)
        {
            return found.Problem;
        }

        var command = found.Value;
        audit.Touch(command.Id);
        audit.Note(body.PostAgain ? "post again" : $"issue {body.IssueKey!.Trim()}");
        OperatorVerdict verdict;
        if (body.PostAgain)
        {
            verdict = command.ResolveAsAbsent(clock.UtcNow);
        }
        else
        {
            var issue = await issues.FindAsync(command, body.IssueKey!.Trim(), cancellationToken);
            if (!issue.IsOk)
            {
                return issue.Problem;
            }

            verdict = command.ResolveAsCreated(issue.Value.Key, issue.Value.Id, issue.Value.CloudId, clock.UtcNow);
        }

        return await transitions.SaveAsync(id, command, verdict, body.PostAgain ? "resolved (post again)" : $"resolved as {command.JiraIssueKey}", cancellationToken)
            ?? Results.Ok(CommandViews.Summary(command));
    }
}
