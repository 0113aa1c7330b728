using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// Applies what an operator does to a command the way every writer does: the transition is the command's own method,
/// the write is fenced by version (<see cref="CommandLedger.SaveAsync"/>), and a command that ended gets its answer
/// (IssueCreated or IssueCreationFailed) through <see cref="OutcomeRecorder.AnswerAsync"/>.
/// </summary>
public sealed class OperatorTransitions(CommandFinder finder, CommandLedger ledger, OutcomeRecorder recorder, LedgerClock clock, AdminAudit audit,
    ILogger<OperatorTransitions> logger)
{
    /// <summary>Finds the command, applies <paramref name="transition"/> and saves it: 200 with the command, or 404/409.</summary>
    public async Task<IResult> ApplyAsync(string name, string action, Func<IssueCommand, DateTime, OperatorVerdict> transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var found = await finder.FindAsync(name, tracking: true, cancellationToken);
        if (!found.IsOk)
        {
            return found.Problem;
        }

        var command = found.Value;
        audit.Touch(command.Id);
        return await SaveAsync(name, command, transition(command, clock.UtcNow), action, cancellationToken) ?? Results.Ok(CommandViews.Summary(command));
    }

    /// <summary>Null when done; otherwise the 409 answer: the transition was refused, or another writer got there first.</summary>
    public async Task<IResult?> SaveAsync(string name, IssueCommand command, OperatorVerdict verdict, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(verdict);
        audit.Touch(command.Id);
        if (!verdict.IsDone)
        {
            return AdminProblems.Conflict($"Command '{name}': {verdict.Refusal}");
        }

        if (!await ledger.SaveAsync(command, null, cancellationToken))
        {
            return AdminProblems.Conflict($"Command '{name}' changed while it was being {action}; look at it again.");
        }

        if (command.IsTerminal)
        {
            await recorder.AnswerAsync(command, cancellationToken);
        }

        logger.LogInformation("Operator {Action} command {CommandId}; it is now {State}", action, command.Id, command.State);
        return null;
    }
}
