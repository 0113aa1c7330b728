using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Options;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Pipeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Admin;

/// <summary>
/// The failure inbox: list and inspect commands, see failures grouped by reason, retry one, a selection or a
/// filter, edit a failed command and retry it, or discard it with a reason. Retries go through the ledger (due
/// now), so any replica's dispatcher picks them up.
/// </summary>
public sealed class CommandAdmin(
    IssueSyncDbContext db,
    CommandLedger ledger,
    OutcomeRecorder recorder,
    JiraIssueFinder issues,
    ISendEndpointProvider sendEndpoints,
    LedgerClock clock,
    IOptions<WorkerOptions> options,
    ILogger<CommandAdmin> logger)
{
    private static readonly CommandState[] Retryable = [CommandState.Failed, CommandState.Parked, CommandState.Discarded];

    public async Task<int> PublishAsync(IReadOnlyList<CreateIssue> commands, CancellationToken cancellationToken)
    {
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"exchange:{options.Value.InputQueue}"));
        foreach (var command in commands)
        {
            await endpoint.Send(command, cancellationToken);
        }

        return commands.Count;
    }

    public async Task<PagedList<CommandSummary>> ListAsync(string? state, string? connection, string? reason, DateTime? since, DateTime? until,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.Commands.AsNoTracking();
        if (state is not null && Enum.TryParse<CommandState>(state, ignoreCase: true, out var parsed))
        {
            query = query.Where(c => c.State == parsed);
        }

        if (connection is not null)
        {
            query = query.Where(c => c.ConnectionName == connection);
        }

        if (reason is not null)
        {
            query = query.Where(c => c.ReasonCode == reason);
        }

        if (since is { } from)
        {
            query = query.Where(c => c.ReceivedAt >= from.ToUniversalTime());
        }

        if (until is { } to)
        {
            query = query.Where(c => c.ReceivedAt < to.ToUniversalTime());
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<CommandSummary>(items.Select(Summary).ToList(), page, pageSize, total);
    }

    public async Task<CommandDetail?> GetAsync(string idOrKey, CancellationToken cancellationToken)
    {
        var command = await FindAsync(idOrKey, tracking: false, cancellationToken);
        if (command is null)
        {
            return null;
        }

        var attempts = await db.CommandAttempts.AsNoTracking().Where(a => a.CommandId == command.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        return Detail(command, attempts);
    }

    public async Task<IReadOnlyList<FailureGroup>> FailuresAsync(string? connection, CancellationToken cancellationToken)
    {
        var query = db.Commands.AsNoTracking().Where(c => c.State == CommandState.Failed);
        if (connection is not null)
        {
            query = query.Where(c => c.ConnectionName == connection);
        }

        var rows = await query.Select(c => new { c.ReasonCode, c.ConnectionName, c.CompletedAt, c.LastError }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ReasonCode ?? FailureReasons.Unexpected)
            .Select(g => new FailureGroup(g.Key, g.Count(), g.Min(r => r.CompletedAt), g.Max(r => r.CompletedAt),
                g.OrderByDescending(r => r.CompletedAt).First().LastError,
                g.Select(r => r.ConnectionName ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.ReasonCode, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<AdminResult<CommandSummary>> RetryAsync(string idOrKey, CancellationToken cancellationToken)
    {
        var command = await FindAsync(idOrKey, tracking: true, cancellationToken);
        if (command is null)
        {
            return AdminResult<CommandSummary>.NotFound($"No command '{idOrKey}'.");
        }

        var verdict = command.Retry(clock.UtcNow);
        if (!verdict.IsDone)
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}': {verdict.Refusal}");
        }

        if (!await ledger.SaveAsync(command, null, cancellationToken))
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}' changed while it was being retried; look at it again.");
        }

        logger.LogInformation("Operator retried command {CommandId}", command.Id);
        return AdminResult<CommandSummary>.Ok(Summary(command));
    }

    public async Task<int> RetryManyAsync(RetryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Commands.Where(c => Retryable.Contains(c.State));
        if (filter.Ids is { Count: > 0 } ids)
        {
            var guids = ids.Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).ToList();
            query = query.Where(c => guids.Contains(c.Id) || ids.Contains(c.IdempotencyKey));
        }
        else
        {
            var state = filter.State is not null && Enum.TryParse<CommandState>(filter.State, true, out var s) ? s : CommandState.Failed;
            query = query.Where(c => c.State == state);
            if (filter.Reason is not null)
            {
                query = query.Where(c => c.ReasonCode == filter.Reason);
            }

            if (filter.Connection is not null)
            {
                query = query.Where(c => c.ConnectionName == filter.Connection);
            }
        }

        var retried = 0;
        foreach (var command in await query.ToListAsync(cancellationToken))
        {
            if (command.Retry(clock.UtcNow).IsDone && await ledger.SaveAsync(command, null, cancellationToken))
            {
                retried++;
            }
        }

        logger.LogInformation("Operator retried {Count} command(s)", retried);
        return retried;
    }

    public async Task<AdminResult<CommandDetail>> EditAsync(string idOrKey, CommandEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var command = await FindAsync(idOrKey, tracking: true, cancellationToken);
        if (command is null)
        {
            return AdminResult<CommandDetail>.NotFound($"No command '{idOrKey}'.");
        }

        var original = CommandLedger.TryReadCommand(command.RawCommand)!;
        var edited = original with
        {
            Site = edit.Site ?? original.Site,
            ProjectKey = edit.ProjectKey ?? original.ProjectKey,
            IssueType = edit.IssueType ?? original.IssueType,
            Summary = edit.Summary ?? original.Summary,
            DescriptionMarkdown = edit.DescriptionAdf is not null ? null : edit.DescriptionMarkdown ?? original.DescriptionMarkdown,
            DescriptionAdf = edit.DescriptionMarkdown is not null ? null : edit.DescriptionAdf ?? original.DescriptionAdf,
            Priority = edit.Priority ?? original.Priority,
            Components = edit.Components ?? original.Components,
            Labels = edit.Labels ?? original.Labels,
            AssigneeAccountId = edit.AssigneeAccountId ?? original.AssigneeAccountId,
            DueDate = edit.DueDate ?? original.DueDate,
            CustomFields = edit.CustomFields is null ? original.CustomFields : Merge(original.CustomFields, edit.CustomFields),
        };

        var problems = CreateIssueRules.Check(edited);
        if (problems.Count > 0)
        {
            var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return AdminResult<CommandDetail>.Invalid(errors, "The edited command is not valid; nothing was changed.");
        }

        var verdict = command.Edit(CommandLedger.Describe(edited, command.SentAt), clock.UtcNow);
        if (!verdict.IsDone)
        {
            return AdminResult<CommandDetail>.Conflict($"Command '{idOrKey}': {verdict.Refusal}");
        }

        if (!await ledger.SaveAsync(command, null, cancellationToken))
        {
            return AdminResult<CommandDetail>.Conflict($"Command '{idOrKey}' changed while it was being edited; look at it again.");
        }

        logger.LogInformation("Operator edited and retried command {CommandId}", command.Id);
        return AdminResult<CommandDetail>.Ok((await GetAsync(command.Id.ToString(), cancellationToken))!);
    }

    public Task<AdminResult<CommandSummary>> DiscardAsync(string idOrKey, string? reason, CancellationToken cancellationToken) =>
        EndAsync(idOrKey, reason, discard: true, cancellationToken);

    public Task<AdminResult<CommandSummary>> FailAsync(string idOrKey, string? reason, CancellationToken cancellationToken) =>
        EndAsync(idOrKey, reason, discard: false, cancellationToken);

    /// <summary>
    /// An uncertain command decided by an operator: the issue that exists in Jira (checked there, on the site the
    /// create request went to), or "post it again".
    /// </summary>
    public async Task<AdminResult<CommandSummary>> ResolveAsync(string idOrKey, ResolveRequest resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        if (string.IsNullOrWhiteSpace(resolution.IssueKey) == !resolution.PostAgain)
        {
            return AdminResult<CommandSummary>.Invalid("issueKey", "Give either the key of the issue that exists (issueKey) or postAgain: true.");
        }

        var command = await FindAsync(idOrKey, tracking: true, cancellationToken);
        if (command is null)
        {
            return AdminResult<CommandSummary>.NotFound($"No command '{idOrKey}'.");
        }

        OperatorVerdict verdict;
        if (resolution.PostAgain)
        {
            verdict = command.ResolveAsAbsent(clock.UtcNow);
        }
        else
        {
            var found = await issues.FindAsync(command, resolution.IssueKey!.Trim(), cancellationToken);
            if (!found.IsOk)
            {
                return AdminResult<CommandSummary>.Invalid("issueKey", found.Message!);
            }

            verdict = command.ResolveAsCreated(found.Value!.Key, found.Value.Id, found.Value.CloudId, clock.UtcNow);
        }

        if (!verdict.IsDone)
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}': {verdict.Refusal}");
        }

        if (!await ledger.SaveAsync(command, null, cancellationToken))
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}' changed while it was being resolved; look at it again.");
        }

        if (command.IsTerminal)
        {
            await recorder.AnswerAsync(command, cancellationToken);
        }

        logger.LogInformation("Operator resolved uncertain command {CommandId}: {Resolution}", command.Id, resolution.PostAgain ? "post again" : command.JiraIssueKey);
        return AdminResult<CommandSummary>.Ok(Summary(command));
    }

    private async Task<AdminResult<CommandSummary>> EndAsync(string idOrKey, string? reason, bool discard, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return AdminResult<CommandSummary>.Invalid("reason", discard ? "Say why the command is discarded." : "Say why the command is failed.");
        }

        var command = await FindAsync(idOrKey, tracking: true, cancellationToken);
        if (command is null)
        {
            return AdminResult<CommandSummary>.NotFound($"No command '{idOrKey}'.");
        }

        var verdict = command.EndByOperator(discard, reason, clock.UtcNow);
        if (!verdict.IsDone)
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}': {verdict.Refusal}");
        }

        if (!await ledger.SaveAsync(command, null, cancellationToken))
        {
            return AdminResult<CommandSummary>.Conflict($"Command '{idOrKey}' changed meanwhile; look at it again.");
        }

        await recorder.AnswerAsync(command, cancellationToken);
        logger.LogInformation("Operator {Action} command {CommandId}: {Reason}", discard ? "discarded" : "failed", command.Id, reason);
        return AdminResult<CommandSummary>.Ok(Summary(command));
    }

    public async Task<PagedList<RejectedMessageView>> RejectedAsync(string? reason, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.RejectedMessages.AsNoTracking();
        if (reason is not null)
        {
            query = query.Where(r => r.ReasonCode == reason);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.ReceivedAt).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new RejectedMessageView(r.Id, r.ReasonCode, r.Reason, r.IdempotencyKey, r.MessageId, r.MessageType, r.ContentType,
                r.BodyLength, r.ReceivedAt, r.RawBody))
            .ToListAsync(cancellationToken);
        return new PagedList<RejectedMessageView>(items, page, pageSize, total);
    }

    private async Task<IssueCommand?> FindAsync(string idOrKey, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.Commands : db.Commands.AsNoTracking();
        return Guid.TryParse(idOrKey, out var id)
            ? await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await query.SingleOrDefaultAsync(c => c.IdempotencyKey == idOrKey, cancellationToken);
    }

    private static Dictionary<string, JsonElement> Merge(IReadOnlyDictionary<string, JsonElement>? original, IReadOnlyDictionary<string, JsonElement> changes)
    {
        var merged = original?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    internal static CommandSummary Summary(IssueCommand c) => new(
        c.Id, c.IdempotencyKey, c.ConnectionName, c.ProjectKey, c.Summary, c.State.ToString(), c.Attempts, c.NextAttemptAt, c.ReasonCode,
        c.LastError, c.JiraIssueKey, c.CloudId, c.ReceivedAt, c.UpdatedAt, c.CompletedAt, c.Outcome.ToString(), c.DedupeLabel);

    private static CommandDetail Detail(IssueCommand c, IReadOnlyList<CommandAttempt> attempts) => new(
        Summary(c),
        c.FieldErrorsJson is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(c.FieldErrorsJson, CommandLedger.CommandJson) ?? [],
        CommandLedger.TryReadCommand(c.RawCommand),
        attempts.Select(a => new AttemptView(a.Number, a.StartedAt, a.FinishedAt, a.Outcome, a.HttpStatus, a.Detail, a.Replica, a.RetryAfterSeconds)).ToList());
}
