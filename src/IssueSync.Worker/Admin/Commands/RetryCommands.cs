using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands/retry</c>: retries a selection (ids, keys or unique id prefixes) or every command that matches
/// a filter (reason, connection; state Failed unless given). Only failed, parked and discarded commands change; the
/// answer counts them.
/// </summary>
public sealed class RetryCommands
{
    private static readonly CommandState[] Retryable = [CommandState.Failed, CommandState.Parked, CommandState.Discarded];

    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("/retry", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(RetryFilter filter, CommandFinder finder, IssueSyncDbContext db, CommandLedger ledger, LedgerClock clock,
        AdminAudit audit, ILogger<RetryCommands> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        audit.Note(filter.Ids is { Count: > 0 } named ? $"selection of {named.Count}" : $"filter reason={filter.Reason ?? "any"} connection={filter.Connection ?? "any"} state={filter.State ?? "Failed"}");
        var selected = filter.Ids is { Count: > 0 } ids ? await SelectAsync(ids, finder, cancellationToken) : await MatchAsync(filter, db, cancellationToken);
        if (!selected.IsOk)
        {
            return selected.Problem;
        }

        var retried = 0;
        foreach (var command in selected.Value)
        {
            if (command.Retry(clock.UtcNow).IsDone && await ledger.SaveAsync(command, null, cancellationToken))
            {
                audit.Touch(command.Id);
                retried++;
            }
        }

        logger.LogInformation("Operator retried {Count} command(s)", retried);
        return Results.Ok(new RetryResult(retried));
    }

    // Names that fit nothing are skipped (the count tells); an ambiguous prefix refuses the whole request before anything changed.
    private static async Task<AdminResult<List<IssueCommand>>> SelectAsync(IReadOnlyList<string> names, CommandFinder finder, CancellationToken cancellationToken)
    {
        var selected = new Dictionary<Guid, IssueCommand>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var found = await finder.FindAsync(name, tracking: true, cancellationToken);
            if (found.IsOk)
            {
                selected.TryAdd(found.Value.Id, found.Value);
            }
            else if (found.Problem is IStatusCodeHttpResult { StatusCode: StatusCodes.Status409Conflict })
            {
                return AdminResult<List<IssueCommand>>.Fail(found.Problem);
            }
        }

        return AdminResult<List<IssueCommand>>.Ok([.. selected.Values]);
    }

    private static async Task<AdminResult<List<IssueCommand>>> MatchAsync(RetryFilter filter, IssueSyncDbContext db, CancellationToken cancellationToken)
    {
        var state = CommandState.Failed;
        if (filter.State is not null && (!Enum.TryParse(filter.State, ignoreCase: true, out state) || !Retryable.Contains(state)))
        {
            return AdminResult<List<IssueCommand>>.Fail(AdminProblems.Invalid("state", $"Only Failed, Parked or Discarded commands are retried, not '{filter.State}'."));
        }

        var query = db.Commands.Where(c => c.State == state);
        if (filter.Reason is not null)
        {
            query = query.Where(c => c.ReasonCode == filter.Reason);
        }

        if (filter.Connection is not null)
        {
            query = query.Where(c => c.ConnectionName == filter.Connection);
        }

        return AdminResult<List<IssueCommand>>.Ok(await query.ToListAsync(cancellationToken));
    }
}
