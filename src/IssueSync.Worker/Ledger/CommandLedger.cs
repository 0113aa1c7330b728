using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static IssueSync.Worker.Persistence.ColumnText;

namespace IssueSync.Worker.Ledger;

/// <summary>
/// The command ledger's reads and writes. It decides nothing: transitions are the command's own methods; this
/// admits commands (insert and claim in one write), loads them, and saves them conditionally on the version the
/// writer read. A write that was overtaken by another writer changes nothing and is reported, never retried.
/// </summary>
public sealed class CommandLedger(IssueSyncDbContext db, LedgerClock clock, LifecycleRules rules, ResultMarkWriter resultMarks,
    IOptions<WorkerOptions> options, ILogger<CommandLedger> logger)
{
    public static readonly JsonSerializerOptions CommandJson = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan[] TransientRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    public LifecycleRules Rules => rules;

    /// <summary>
    /// Records a command and claims it for this replica in the same write, or finds the entry an earlier delivery
    /// made (then nothing is claimed).
    /// </summary>
    public async Task<Admission> AdmitAsync(CreateIssue command, DateTime? sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var admitted = Describe(command, sentAt);
        var entry = IssueCommand.Admit(admitted, clock.UtcNow, options.Value.ReplicaName, rules);
        db.Commands.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new Admission(entry, IsNew: true, Conflict: false);
        }
        catch (DbUpdateException ex) when (!TransientDatabaseFault.Is(ex))
        {
            // The key is there already (a redelivery, or the same command published twice at once): use that row.
            db.ChangeTracker.Clear();
            var existing = await FindByKeyAsync(command.IdempotencyKey, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return new Admission(existing, IsNew: false, Conflict: existing.ContentHash != admitted.ContentHash);
        }
    }

    /// <summary>The ledger entry of an edited command: same key and label, new content.</summary>
    public static AdmittedCommand Describe(CreateIssue command, DateTime? sentAt)
    {
        ArgumentNullException.ThrowIfNull(command);
        var raw = JsonSerializer.Serialize(command, CommandJson);
        return new AdmittedCommand(command.IdempotencyKey, Hash(raw), raw, command.ConnectionId, command.ProjectKey, command.Summary,
            command.CorrelationId, DedupeLabel.For(command.IdempotencyKey), sentAt);
    }

    /// <summary>A command, tracked, ready for a transition.</summary>
    public Task<IssueCommand?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Commands.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<IssueCommand?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Commands.SingleOrDefaultAsync(c => c.IdempotencyKey == key, cancellationToken);

    /// <summary>Claims a due command. Losing the race to another replica is <see cref="ClaimResult.NotDue"/>.</summary>
    public async Task<ClaimResult> TryClaimAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = command.TryClaim(clock.UtcNow, options.Value.ReplicaName, rules);
        if (result == ClaimResult.NotDue)
        {
            Forget(command);
            return result;
        }

        return await SaveAsync(command, null, cancellationToken) ? result : ClaimResult.NotDue;
    }

    /// <summary>
    /// Writes the command's changes (and an attempt log entry) if nobody else wrote the row since it was read.
    /// Returns false when fenced out: the changes are dropped, the row is left as the other writer made it.
    /// Transient database errors are retried a few times; the changes stay the same.
    /// </summary>
    public async Task<bool> SaveAsync(IssueCommand command, CommandAttempt? attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (attempt is not null)
        {
            db.CommandAttempts.Add(attempt);
        }

        for (var retry = 0; ; retry++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogWarning("Command {CommandId}: another writer changed it first; this change ({State}, {ReasonCode}) was dropped",
                    command.Id, command.State, command.ReasonCode);
                Forget(command);
                if (attempt is not null)
                {
                    db.Entry(attempt).State = EntityState.Detached;
                }

                return false;
            }
            catch (Exception ex) when (TransientDatabaseFault.Is(ex) && retry < TransientRetryDelays.Length)
            {
                logger.LogWarning("Writing command {CommandId} failed ({Error}); trying again", command.Id, ex.GetBaseException().Message);
                await Task.Delay(TransientRetryDelays[retry], CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Notes that a terminal command's answer went out — its own conditional update, which never changes the state
    /// and is a no-op if the row changed since (an operator retried it, say); written together with the marks of
    /// other answers sent meanwhile (<see cref="ResultMarkWriter"/>).
    /// </summary>
    public Task MarkResultPublishedAsync(IssueCommand command, CancellationToken cancellationToken) => resultMarks.MarkAsync(command, cancellationToken);

    /// <summary>The attempt log's next entry for a command.</summary>
    public CommandAttempt LogEntry(IssueCommand command, DateTime startedAt, AttemptOutcomeSummary outcome) => new()
    {
        CommandId = command.Id,
        Number = command.Tries,
        StartedAt = startedAt,
        FinishedAt = clock.UtcNow,
        Outcome = Cut(outcome.Code, CommandAttempt.MaxOutcomeLength),
        HttpStatus = outcome.HttpStatus,
        RetryAfterSeconds = outcome.RetryAfter?.TotalSeconds,
        Detail = Cut(outcome.Detail, CommandAttempt.MaxDetailLength),
        Replica = Cut(options.Value.ReplicaName, CommandAttempt.MaxReplicaLength),
    };

    /// <summary>The command a ledger row holds, or null when its JSON cannot be read.</summary>
    public static CreateIssue? TryReadCommand(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize<CreateIssue>(raw, CommandJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Hash(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    private void Forget(IssueCommand command) => db.Entry(command).State = EntityState.Detached;
}

public sealed record Admission(IssueCommand Command, bool IsNew, bool Conflict);

/// <summary>What goes into one attempt log entry.</summary>
public sealed record AttemptOutcomeSummary(string Code, string? Detail, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    public static AttemptOutcomeSummary Of(AttemptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.ReasonCode, outcome.Message, outcome.HttpStatus, outcome.RetryAfter);
    }
}
