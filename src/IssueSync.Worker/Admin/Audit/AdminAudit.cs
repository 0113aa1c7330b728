using System.Security.Claims;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.Worker.Admin.Audit;

/// <summary>
/// The audit trail of one state-changing call (scoped: one per request). The call runs through <see cref="RunAsync"/>,
/// from the admin API's <see cref="AuditFilter"/> or a console action; the use case marks the commands it touched
/// (<see cref="Touch"/>) and what the operator said (<see cref="Note"/>). Afterwards the call is logged and stored in
/// <c>audit_entries</c> with the key's name, one entry per touched command (or one for the call), in a context of its own
/// so nothing the use case left unsaved is written with it.
/// </summary>
public sealed partial class AdminAudit(IServiceScopeFactory scopes, LedgerClock clock, ILogger<AdminAudit> logger)
{
    public const string ApiSurface = "api";
    public const string ConsoleSurface = "console";

    private readonly List<Guid> _commands = [];
    private string? _detail;
    private string? _target;

    /// <summary>The call changed (or tried to change) this command: it goes into the command's history.</summary>
    public void Touch(Guid commandId)
    {
        if (!_commands.Contains(commandId))
        {
            _commands.Add(commandId);
        }
    }

    /// <summary>What the call is about when its route does not say (a connection created by name in the body).</summary>
    public void Target(string target) => _target = target;

    /// <summary>What the operator said or chose, kept with the entry.</summary>
    public void Note(string detail) => _detail = _detail is null ? detail : $"{_detail}; {detail}";

    public async Task<IResult> RunAsync(ClaimsPrincipal user, string action, string? target, string surface, Func<Task<IResult>> call)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(call);
        // A console request may make several calls (a discard per selected command): each is recorded on its own.
        _commands.Clear();
        _detail = null;
        _target = null;
        IResult result;
        try
        {
            result = await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordAsync(user, action, target, surface, StatusCodes.Status500InternalServerError);
            throw;
        }

        await RecordAsync(user, action, target, surface, result is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK);
        return result;
    }

    private async Task RecordAsync(ClaimsPrincipal user, string action, string? target, string surface, int status)
    {
        target = _target ?? target;
        var actor = user.Identity?.Name ?? "unknown key";
        var role = AdminKey.RoleOf(user) ?? "none";
        LogCall(logger, actor, role, action, target, surface, status, _commands.Count, _detail);

        var now = clock.UtcNow;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        foreach (var commandId in _commands.Count == 0 ? [null] : _commands.Select(id => (Guid?)id))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Id = Guid.NewGuid(),
                At = now,
                Actor = ColumnText.Cut(actor, AuditEntry.MaxActorLength),
                Role = ColumnText.Cut(role, AuditEntry.MaxRoleLength),
                Action = ColumnText.Cut(action, AuditEntry.MaxActionLength),
                Target = ColumnText.Cut(target, AuditEntry.MaxTargetLength),
                CommandId = commandId,
                Status = status,
                Detail = ColumnText.Cut(_detail, AuditEntry.MaxDetailLength),
                Surface = surface,
            });
        }

        // The change is made: its record is written even when the caller has gone.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Audit: {Actor} ({Role}) {Action} {Target} via {Surface}: {Status}, {CommandCount} command(s) {Detail}")]
    private static partial void LogCall(ILogger logger, string actor, string role, string action, string? target, string surface, int status,
        int commandCount, string? detail);
}
