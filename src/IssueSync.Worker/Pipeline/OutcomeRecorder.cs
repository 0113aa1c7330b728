using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// Writes what an attempt came to into the ledger (state, attempt log, next attempt time, Jira key, per-field
/// errors) and then publishes the result event. The event goes out after the commit and is marked as published,
/// so the dispatcher re-publishes any event a crash swallowed.
/// </summary>
public sealed class OutcomeRecorder(
    IssueSyncDbContext db,
    ResultPublisher results,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics,
    ILogger<OutcomeRecorder> logger)
{
    private readonly WorkerOptions _options = options.Value;

    public TimeSpan SearchLag => _options.DedupeSearchLag;

    public void DedupeLookup(string result) => metrics.DedupeLookup(result);

    /// <summary>Persists "a create request is about to be sent" before it is sent.</summary>
    public async Task MarkPostingAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        command.OutcomeUnknown = true;
        command.LastPostedAt = now;
        command.LeaseExpiresAt = now + _options.LeaseDuration;
        command.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Gives the lease back without an outcome (shutdown): the command is due again at once.</summary>
    public async Task ReleaseAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        command.State = CommandState.Pending;
        command.NextAttemptAt = now;
        command.LeaseOwner = null;
        command.LeaseExpiresAt = null;
        command.Attempts = Math.Max(0, command.Attempts - 1);
        command.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
        {
            // The lease lapses by itself; another replica takes the command over then.
            logger.LogWarning(ex, "Could not hand back command {CommandId}; its lease will lapse", command.Id);
        }
    }

    public async Task RecordAsync(IssueCommand command, JiraConnection? connection, AttemptOutcome outcome, DateTime startedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        command.LeaseOwner = null;
        command.LeaseExpiresAt = null;
        command.UpdatedAt = now;
        // Attempts is the retry budget (waits do not count); the log numbers every try.
        var number = await db.CommandAttempts.CountAsync(a => a.CommandId == command.Id, cancellationToken) + 1;
        db.CommandAttempts.Add(new CommandAttempt
        {
            CommandId = command.Id,
            Number = number,
            StartedAt = startedAt,
            FinishedAt = now,
            Outcome = outcome.Code,
            HttpStatus = outcome.HttpStatus,
            Detail = Cut(outcome.Message, 4000),
            Replica = _options.ReplicaName,
        });

        switch (outcome)
        {
            case AttemptOutcome.Created created:
                command.State = CommandState.Created;
                command.OutcomeUnknown = false;
                command.JiraIssueKey = created.IssueKey;
                command.JiraIssueId = created.IssueId;
                command.CloudId = created.CloudId;
                command.CompletedAt = now;
                command.NextAttemptAt = null;
                command.ReasonCode = null;
                command.LastError = null;
                command.FieldErrorsJson = null;
                break;

            case AttemptOutcome.Failed failed:
                command.State = CommandState.Failed;
                command.CompletedAt = now;
                command.NextAttemptAt = null;
                command.ReasonCode = failed.ReasonCode;
                command.LastError = Cut(failed.Reason, 4000);
                command.FieldErrorsJson = FieldErrorsJson(failed.FieldErrors);
                break;

            case AttemptOutcome.Retry retry:
                ScheduleRetry(command, retry, now);
                break;

            case AttemptOutcome.Parked parked:
                command.State = CommandState.Parked;
                command.NextAttemptAt = null;
                command.ReasonCode = parked.ReauthorizationRequired ? "reauthorization-required" : "connection-not-ready";
                command.LastError = Cut(parked.Reason, 4000);
                // Waiting for a person is not a failed try: it does not use up the retry budget.
                command.Attempts = Math.Max(0, command.Attempts - 1);
                break;
        }

        await SaveAsync(command, connection, outcome, cancellationToken);
        Log(command, outcome);
        await PublishAsync(command, outcome, cancellationToken);
    }

    private void ScheduleRetry(IssueCommand command, AttemptOutcome.Retry retry, DateTime now)
    {
        if (retry.OutcomeUnknown is { } known)
        {
            command.OutcomeUnknown = known;
        }

        if (!retry.CountsAsAttempt)
        {
            command.Attempts = Math.Max(0, command.Attempts - 1);
        }

        if (retry.CountsAsAttempt && command.Attempts >= _options.Retry.MaxAttempts)
        {
            command.State = CommandState.Failed;
            command.CompletedAt = now;
            command.NextAttemptAt = null;
            command.ReasonCode = FailureReasons.RetriesExhausted;
            command.LastError = Cut($"Gave up after {command.Attempts} attempts. Last: {retry.Reason}" +
                (command.OutcomeUnknown ? $" The last create request had an unknown outcome: check Jira for label {command.DedupeLabel} before retrying." : ""), 4000);
            return;
        }

        var delay = Backoff(command.Attempts);
        if (retry.NotBefore is { } notBefore && notBefore > delay)
        {
            delay = notBefore;
        }

        command.State = CommandState.Pending;
        command.NextAttemptAt = now + delay;
        command.ReasonCode = retry.ReasonCode;
        command.LastError = Cut(retry.Reason, 4000);
        metrics.RetryScheduled(retry.ReasonCode);
    }

    // Exponential from BaseDelay with ×U(0.7, 1.3) jitter, capped at MaxDelay (Retry-After is applied on top as a minimum).
    private TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var baseDelay = _options.Retry.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var jittered = baseDelay * (0.7 + (Random.Shared.NextDouble() * 0.6));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.Retry.MaxDelay.TotalMilliseconds));
    }

    private async Task SaveAsync(IssueCommand command, JiraConnection? connection, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (outcome is AttemptOutcome.Retry { ThrottleConnectionUntil: { } until } && connection is not null)
        {
            // A conditional update, not a tracked write: many commands of one connection meet the same 429 at
            // once, and the latest pause must win without racing the token columns' concurrency token.
            await db.Connections
                .Where(c => c.Id == connection.Id && (c.ThrottledUntil == null || c.ThrottledUntil < until))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ThrottledUntil, until), cancellationToken);
        }
    }

    private async Task PublishAsync(IssueCommand command, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case AttemptOutcome.Created:
                metrics.IssueCreated(command.ConnectionName ?? "", time.GetUtcNow().UtcDateTime - (command.SentAt ?? command.ReceivedAt));
                await results.PublishResultAsync(command, alreadyExisted: false, cancellationToken);
                break;
            case AttemptOutcome.Failed failed:
                metrics.IssueFailed(failed.ReasonCode);
                await results.PublishResultAsync(command, alreadyExisted: false, cancellationToken);
                break;
            case AttemptOutcome.Retry { CountsAsAttempt: true } when command.State == CommandState.Failed:
                metrics.IssueFailed(command.ReasonCode!);
                await results.PublishResultAsync(command, alreadyExisted: false, cancellationToken);
                break;
        }
    }

    private void Log(IssueCommand command, AttemptOutcome outcome)
    {
        switch (command.State)
        {
            case CommandState.Created:
                logger.LogInformation("Command {CommandId} created {JiraKey} on site {CloudId} after {Attempts} attempt(s)",
                    command.Id, command.JiraIssueKey, command.CloudId, command.Attempts);
                break;
            case CommandState.Failed:
                logger.LogWarning("Command {CommandId} failed ({ReasonCode}): {Reason}", command.Id, command.ReasonCode, command.LastError);
                break;
            case CommandState.Parked:
                logger.LogWarning("Command {CommandId} parked: {Reason}", command.Id, command.LastError);
                break;
            default:
                logger.LogInformation("Command {CommandId} will be retried at {NextAttemptAt:O} ({ReasonCode}): {Reason}",
                    command.Id, command.NextAttemptAt, outcome.Code, outcome.Message);
                break;
        }
    }

    private static string? FieldErrorsJson(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? null : JsonSerializer.Serialize(errors, CommandLedger.CommandJson);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
