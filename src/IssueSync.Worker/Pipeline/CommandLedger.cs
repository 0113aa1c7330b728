using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// The command ledger: records each command once per idempotency key, and hands a command to exactly one replica
/// at a time through a lease taken with an optimistic-concurrency update (the same on every database engine).
/// </summary>
public sealed class CommandLedger(IssueSyncDbContext db, TimeProvider time, IOptions<WorkerOptions> options)
{
    public static readonly JsonSerializerOptions CommandJson = new(JsonSerializerDefaults.Web);

    /// <summary>Records the command, or finds the entry an earlier delivery made.</summary>
    public async Task<LedgerEntry> RecordAsync(CreateIssue command, DateTime? sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var raw = JsonSerializer.Serialize(command, CommandJson);
        var hash = Hash(raw);

        var existing = await FindAsync(command.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return new LedgerEntry(existing, IsNew: false, Conflict: existing.ContentHash != hash);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entry = new IssueCommand
        {
            Id = Guid.NewGuid(),
            IdempotencyKey = command.IdempotencyKey,
            ContentHash = hash,
            ConnectionName = Cut(command.ConnectionId, 200),
            ProjectKey = Cut(command.ProjectKey, 100),
            Summary = Cut(command.Summary, 300),
            CorrelationId = Cut(command.CorrelationId, 200),
            RawCommand = raw,
            State = CommandState.Pending,
            // Safety net: if this delivery dies before its first attempt, the dispatcher picks the command up.
            NextAttemptAt = now + options.Value.LeaseDuration,
            SentAt = sentAt?.ToUniversalTime(),
            ReceivedAt = now,
            UpdatedAt = now,
        };
        db.Commands.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new LedgerEntry(entry, IsNew: true, Conflict: false);
        }
        catch (DbUpdateException)
        {
            // Another replica recorded the same key a moment earlier (duplicate publish): use its row.
            db.ChangeTracker.Clear();
            existing = await FindAsync(command.IdempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException($"Could not record command '{command.IdempotencyKey}' and found no existing entry.");
            return new LedgerEntry(existing, IsNew: false, Conflict: existing.ContentHash != hash);
        }
    }

    /// <summary>
    /// Takes the lease on a command if it may be worked on now: pending and due (or never attempted, when a
    /// message asks), or in progress under a lapsed lease. Returns null when another replica has it or it is not due.
    /// </summary>
    public async Task<IssueCommand?> TryClaimAsync(Guid commandId, bool viaMessage, CancellationToken cancellationToken)
    {
        // FindAsync: right after RecordAsync the row is already tracked, so this costs no round trip.
        var command = await db.Commands.FindAsync([commandId], cancellationToken);
        if (command is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var claimable = command.State switch
        {
            CommandState.Pending => command.NextAttemptAt is null || command.NextAttemptAt <= now || (viaMessage && command.Attempts == 0),
            CommandState.InProgress => command.LeaseExpiresAt is null || command.LeaseExpiresAt <= now,
            _ => false,
        };
        if (!claimable)
        {
            return null;
        }

        command.State = CommandState.InProgress;
        command.LeaseOwner = options.Value.ReplicaName;
        command.LeaseExpiresAt = now + options.Value.LeaseDuration;
        command.Attempts++;
        command.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return command;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

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

    private Task<IssueCommand?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Commands.SingleOrDefaultAsync(c => c.IdempotencyKey == key, cancellationToken);

    private static string? Cut(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

public sealed record LedgerEntry(IssueCommand Command, bool IsNew, bool Conflict);
