using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Tests.Support;
using IssueSync.Worker.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.Worker.Tests.Persistence;

/// <summary>
/// Retention on a controlled clock: what is past its retention goes (in batches smaller than what is due), what is not
/// stays, and a command that has not ended or whose answer is still owed is never deleted, however old.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly LifecycleRules _rules = LedgerServiceCollectionExtensions.Rules(new WorkerOptions());
    private SqliteLedger _ledger = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await SqliteLedger.CreateAsync("retention", Ct);
        _services = _ledger.Services;
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task A_sweep_deletes_what_is_due_and_nothing_else()
    {
        // Ended 91 days before the sweep: due (three of them, more than one batch of two).
        await SeedCommandAsync("old-created", Start, Create, answered: true);
        await SeedCommandAsync("old-failed", Start, Fail, answered: true);
        await SeedCommandAsync("old-discarded", Start, Discard, answered: true);
        // Ended as long ago but never answered (the answer is owed): kept.
        await SeedCommandAsync("old-unanswered", Start, Create, answered: false);
        // Never ended, as old: kept.
        await SeedCommandAsync("old-pending", Start, (_, _) => { }, answered: false);
        await SeedCommandAsync("old-uncertain", Start, Uncertain, answered: false);
        // Ended 89 days before the sweep: kept.
        await SeedCommandAsync("recent-created", Start.AddDays(2), Create, answered: true);
        await SeedStatesAndRejectedAsync();
        _time.SetUtcNow(new DateTimeOffset(Start.AddDays(91)));

        var sweep = await Sweeper().SweepOnceAsync(Ct);

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        Assert.Equal(
            ["old-pending", "old-unanswered", "old-uncertain", "recent-created"],
            (await db.Commands.Select(c => c.IdempotencyKey).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        var remainingCommands = await db.Commands.Select(c => c.Id).ToListAsync(Ct);
        Assert.All(await db.CommandAttempts.ToListAsync(Ct), a => Assert.Contains(a.CommandId, remainingCommands));
        Assert.Equal(["kept"], await db.OAuthStates.Select(s => s.StateHash).ToListAsync(Ct));
        Assert.Equal(["kept"], await db.RejectedMessages.Select(m => m.Reason).ToListAsync(Ct));
        Assert.Equal(new RetentionSweep(OAuthStates: 2, RejectedMessages: 1, Commands: 3), sweep);
    }

    private RetentionSweeper Sweeper() => new(_services.GetRequiredService<IServiceScopeFactory>(), _time,
        Microsoft.Extensions.Options.Options.Create(new RetentionOptions { BatchSize = 2 }), NullLogger<RetentionSweeper>.Instance);

    private async Task SeedStatesAndRejectedAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var connection = Guid.NewGuid();
        var sweepAt = Start.AddDays(91);
        // Expired more than a day (the default) before the sweep: deleted, used or not; expired an hour before: kept.
        db.OAuthStates.Add(new OAuthState { StateHash = "expired-unused", ConnectionId = connection, CreatedAt = sweepAt.AddDays(-3), ExpiresAt = sweepAt.AddDays(-2) });
        db.OAuthStates.Add(new OAuthState { StateHash = "expired-used", ConnectionId = connection, CreatedAt = sweepAt.AddDays(-3), ExpiresAt = sweepAt.AddDays(-2), UsedAt = sweepAt.AddDays(-3) });
        db.OAuthStates.Add(new OAuthState { StateHash = "kept", ConnectionId = connection, CreatedAt = sweepAt.AddHours(-2), ExpiresAt = sweepAt.AddHours(-1) });
        // Rejected 31 days before the sweep (30 by default): deleted; 29 days before: kept.
        db.RejectedMessages.Add(new RejectedMessage { Id = Guid.NewGuid(), ReasonCode = "invalid-json", Reason = "old", RawBody = "{", ReceivedAt = sweepAt.AddDays(-31) });
        db.RejectedMessages.Add(new RejectedMessage { Id = Guid.NewGuid(), ReasonCode = "invalid-json", Reason = "kept", RawBody = "{", ReceivedAt = sweepAt.AddDays(-29) });
        await db.SaveChangesAsync(Ct);
    }

    private async Task SeedCommandAsync(string key, DateTime at, Action<IssueCommand, DateTime> then, bool answered)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var raw = JsonSerializer.Serialize(new CreateIssue { IdempotencyKey = key, ConnectionId = "acme", ProjectKey = "OPS", IssueType = "Bug", Summary = "Disk full" });
        var command = IssueCommand.Admit(new AdmittedCommand(key, CommandLedger.Hash(raw), raw, "acme", "OPS", "Disk full", null, DedupeLabel.For(key), null),
            at, "tests", _rules);
        command.Id = Guid.NewGuid();
        then(command, at);
        db.Commands.Add(command);
        await db.SaveChangesAsync(Ct);
        if (answered)
        {
            await db.Commands.Where(c => c.Id == command.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ResultPublishedAt, at), Ct);
        }
    }

    private void Create(IssueCommand command, DateTime at)
    {
        command.MarkPosting(command.LeaseId!.Value, "cloud-1", at, _rules);
        command.Complete(command.LeaseId!.Value, new AttemptOutcome.Created("OPS-1", "10001", "cloud-1", FoundByLookup: false), at, _rules);
    }

    private void Fail(IssueCommand command, DateTime at) =>
        command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraValidation, "Jira rejected 1 field.", []), at, _rules);

    private void Discard(IssueCommand command, DateTime at)
    {
        Fail(command, at);
        command.EndByOperator(discard: true, "duplicate", at);
    }

    private void Uncertain(IssueCommand command, DateTime at)
    {
        command.MarkPosting(command.LeaseId!.Value, "cloud-1", at, _rules);
        command.Complete(command.LeaseId!.Value, FailurePolicy.Outcome(FailureCondition.JiraUnknownOutcome, "Jira answered 504 after the request was sent."), at, _rules);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
