using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Contracts;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>A ledger row as the admin API shows it.</summary>
public static class CommandViews
{
    public static CommandSummary Summary(IssueCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new CommandSummary
        {
            Id = command.Id,
            IdempotencyKey = command.IdempotencyKey,
            ConnectionId = command.ConnectionName,
            ProjectKey = command.ProjectKey,
            Summary = command.Summary,
            State = command.State.ToString(),
            Attempts = command.Attempts,
            NextAttemptAt = command.NextAttemptAt,
            ReasonCode = command.ReasonCode,
            LastError = command.LastError,
            JiraIssueKey = command.JiraIssueKey,
            CloudId = command.CloudId,
            ReceivedAt = command.ReceivedAt,
            UpdatedAt = command.UpdatedAt,
            CompletedAt = command.CompletedAt,
            Outcome = command.Outcome.ToString(),
            DedupeLabel = command.DedupeLabel,
        };
    }

    /// <summary>The summary with Jira's per-field errors, the command as received, its attempt log and its audit history (read from the database).</summary>
    public static async Task<CommandDetail> DetailAsync(IssueSyncDbContext db, IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(command);
        var attempts = await db.CommandAttempts.AsNoTracking().Where(a => a.CommandId == command.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.CommandId == command.Id).OrderBy(a => a.At).ToListAsync(cancellationToken);
        return new CommandDetail(Summary(command))
        {
            FieldErrors = command.FieldErrorsJson is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(command.FieldErrorsJson, CommandLedger.CommandJson) ?? [],
            Command = CommandLedger.TryReadCommand(command.RawCommand),
            AttemptLog = attempts.Select(a => new AttemptView(a.Number, a.StartedAt, a.FinishedAt, a.Outcome, a.HttpStatus, a.Detail, a.Replica, a.RetryAfterSeconds)).ToList(),
            History = history.Select(a => new HistoryEntry(a.At, a.Actor, a.Role, a.Action, a.Status, a.Detail, a.Surface)).ToList(),
        };
    }
}
