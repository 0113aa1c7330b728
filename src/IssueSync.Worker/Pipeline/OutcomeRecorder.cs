using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Pacing;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// Writes what an attempt came to: the pause Jira asked for (for every replica), the command's transition with its
/// attempt log entry (fenced), and then the answer, which is marked as sent once it went out. An answer that could
/// not be sent is owed, and the dispatcher sends it; one is sent twice only when the broker confirmed nothing or the
/// process died between sending and marking (answers are at least once, always with the same content).
/// </summary>
public sealed class OutcomeRecorder(
    CommandLedger ledger,
    ResultPublisher results,
    PacingStore pacing,
    LedgerClock clock,
    WorkerMetrics metrics,
    ILogger<OutcomeRecorder> logger)
{
    public void DedupeLookup(string result) => metrics.DedupeLookup(result);

    public async Task RecordAsync(Attempt attempt, AttemptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(outcome);
        var command = attempt.Command;
        if (outcome.Pause is { } pause)
        {
            await pacing.PauseAsync(pause, CancellationToken.None);
        }

        command.Complete(attempt.Lease, outcome, clock.UtcNow, ledger.Rules);
        if (!await ledger.SaveAsync(command, ledger.LogEntry(command, attempt.StartedAt, AttemptOutcomeSummary.Of(outcome)), CancellationToken.None))
        {
            return;
        }

        Log(command, outcome);
        switch (command.State)
        {
            case CommandState.Created:
                metrics.IssueCreated(command.ConnectionName ?? "", clock.UtcNow - (command.SentAt ?? command.ReceivedAt));
                await AnswerKnowingConnectionAsync(command, attempt.Connection, waitForMark: false, CancellationToken.None);
                break;
            case CommandState.Failed:
                metrics.IssueFailed(command.ReasonCode!);
                await AnswerKnowingConnectionAsync(command, attempt.Connection, waitForMark: false, CancellationToken.None);
                break;
            case CommandState.Pending or CommandState.Uncertain:
                metrics.RetryScheduled(outcome.ReasonCode);
                break;
        }
    }

    /// <summary>Shutdown before anything was sent: the command goes back at once, the try does not count.</summary>
    public async Task HandBackAsync(Attempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        attempt.Command.HandBack(attempt.Lease, clock.UtcNow, ledger.Rules);
        var entry = ledger.LogEntry(attempt.Command, attempt.StartedAt,
            new AttemptOutcomeSummary(ReasonCodes.ShutDown, "The replica shut down before sending anything; the command was handed back."));
        if (await ledger.SaveAsync(attempt.Command, entry, CancellationToken.None))
        {
            logger.LogInformation("Command {CommandId} handed back at shutdown", attempt.Command.Id);
        }
    }

    /// <summary>Publishes a terminal command's answer and notes that it went out.</summary>
    public Task AnswerAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AnswerKnowingConnectionAsync(command, null, waitForMark: true, cancellationToken);
    }

    // With the connection the attempt read, when there is one: the answer's site URL needs no read of its own. The
    // attempt does not wait for the mark: it holds one of the replica's concurrent slots, the answer has gone out,
    // and a mark that is lost only means the same answer is sent once more (the marks of a stopping replica are
    // written before it exits, ResultMarkWriter).
    private async Task AnswerKnowingConnectionAsync(IssueCommand command, JiraConnection? connection, bool waitForMark, CancellationToken cancellationToken)
    {
        if (!await results.TryPublishAsync(command, alreadyExisted: false, connection, cancellationToken))
        {
            return;
        }

        var mark = MarkAsync(command, waitForMark, cancellationToken);
        if (waitForMark)
        {
            await mark;
        }
    }

    private async Task MarkAsync(IssueCommand command, bool waited, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.MarkResultPublishedAsync(command, cancellationToken);
        }
        catch (Exception ex) when (TransientDatabaseFault.Is(ex) || !waited)
        {
            // The answer went out; unmarked, the dispatcher sends it once more later (the same answer).
            logger.LogWarning("Could not note that the answer to command {CommandId} went out ({Error}); it may be sent again",
                command.Id, ex.GetBaseException().Message);
        }
    }

    private void Log(IssueCommand command, AttemptOutcome outcome)
    {
        switch (command.State)
        {
            case CommandState.Created:
                // The hot path: one line per issue would cost more than the rest of the answer; the attempt log and
                // the metrics record every creation.
                logger.LogDebug("Command {CommandId} created {JiraKey} on site {CloudId} after {Tries} tries", command.Id, command.JiraIssueKey,
                    command.CloudId, command.Tries);
                break;
            case CommandState.Failed:
                logger.LogWarning("Command {CommandId} failed ({ReasonCode}): {Reason}", command.Id, command.ReasonCode, command.LastError);
                break;
            case CommandState.Parked:
                logger.LogWarning("Command {CommandId} parked: {Reason}", command.Id, command.LastError);
                break;
            case CommandState.Uncertain:
                logger.LogWarning("Command {CommandId} is uncertain ({ReasonCode}); next lookup at {NextAttemptAt:O}: {Reason}", command.Id,
                    command.ReasonCode, command.NextAttemptAt, command.LastError);
                break;
            default:
                logger.LogInformation("Command {CommandId} will be retried at {NextAttemptAt:O} ({ReasonCode}): {Reason}", command.Id,
                    command.NextAttemptAt, outcome.ReasonCode, outcome.Message);
                break;
        }
    }
}
