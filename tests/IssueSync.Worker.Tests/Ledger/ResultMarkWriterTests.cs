using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Jira.Metadata;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using IssueSync.Worker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.Worker.Tests.Ledger;

/// <summary>
/// The answers' marks: fenced per row on SQLite (a row that changed since its answer was built, or one already marked,
/// is left alone), and written together — the marks that arrive while a write is under way share the next write.
/// The group commit is driven by barriers, never by timing.
/// </summary>
public sealed class ResultMarkWriterTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly LifecycleRules _rules = LedgerServiceCollectionExtensions.Rules(new WorkerOptions());
    private SqliteLedger _ledger = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _ledger = await SqliteLedger.CreateAsync("marks", Ct);
        _services = _ledger.Services;
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task Marks_answers_as_sent_but_never_a_row_that_changed_since_or_one_marked_before()
    {
        var answered = await SeedCreatedAsync("answered");
        var alsoAnswered = await SeedCreatedAsync("also-answered");
        var retried = await SeedCreatedAsync("retried-meanwhile", failed: true);
        var markedBefore = await SeedCreatedAsync("marked-before");
        var stale = await ReadAsync(retried.Id);
        await using (var scope = _services.CreateAsyncScope())
        {
            // An operator retried it after its answer was built: its version moved on.
            var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
            var row = await db.Commands.SingleAsync(c => c.Id == retried.Id, Ct);
            Assert.True(row.Retry(Start.AddMinutes(1)).IsDone);
            await db.SaveChangesAsync(Ct);
            await db.Commands.Where(c => c.Id == markedBefore.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ResultPublishedAt, Start), Ct);
        }

        _time.SetUtcNow(new DateTimeOffset(Start.AddMinutes(5)));
        var writer = Writer();
        await Task.WhenAll(writer.MarkAsync(answered, Ct), writer.MarkAsync(alsoAnswered, Ct), writer.MarkAsync(stale, Ct), writer.MarkAsync(markedBefore, Ct));

        Assert.Equal(Start.AddMinutes(5), (await ReadAsync(answered.Id)).ResultPublishedAt);
        Assert.Equal(Start.AddMinutes(5), (await ReadAsync(alsoAnswered.Id)).ResultPublishedAt);
        Assert.Null((await ReadAsync(retried.Id)).ResultPublishedAt);
        Assert.Equal(Start, (await ReadAsync(markedBefore.Id)).ResultPublishedAt);
    }

    [Fact]
    public async Task Requests_that_arrive_while_a_write_is_under_way_share_the_next_write()
    {
        var batches = new List<IReadOnlyList<int>>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int>(async batch =>
        {
            lock (batches)
            {
                batches.Add(batch);
            }

            if (batches.Count == 1)
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }
        }, maxBatch: 3);

        var first = commit.AddAsync(1);
        await firstEntered.Task.WaitAsync(Ct);
        var waiting = Enumerable.Range(2, 4).Select(commit.AddAsync).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        releaseFirst.SetResult();
        await Task.WhenAll(waiting.Append(first)).WaitAsync(Ct);

        // One write alone, then the four that waited in writes of at most three, in the order they came.
        Assert.Equal([[1], [2, 3, 4], [5]], batches.Select(b => b.ToArray()).ToArray());
    }

    [Fact]
    public async Task A_write_that_fails_fails_every_request_it_carried_and_the_next_ones_are_written()
    {
        var fail = true;
        var written = new List<int>();
        var commit = new GroupCommit<int>(batch =>
        {
            if (fail)
            {
                fail = false;
                throw new InvalidOperationException("the database went away");
            }

            written.AddRange(batch);
            return Task.CompletedTask;
        }, maxBatch: 10);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => commit.AddAsync(1).WaitAsync(Ct));
        Assert.Equal("the database went away", error.Message);
        await commit.AddAsync(2).WaitAsync(Ct);
        Assert.Equal([2], written);
    }

    private ResultMarkWriter Writer() => new(_services.GetRequiredService<IServiceScopeFactory>(), new LedgerClock(_time));

    private async Task<IssueCommand> ReadAsync(Guid id)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().Commands.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<IssueCommand> SeedCreatedAsync(string key, bool failed = false)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var raw = JsonSerializer.Serialize(new CreateIssue { IdempotencyKey = key, ConnectionId = "acme", ProjectKey = "OPS", IssueType = "Bug", Summary = "Disk full" });
        var command = IssueCommand.Admit(new AdmittedCommand(key, CommandLedger.Hash(raw), raw, "acme", "OPS", "Disk full", null, DedupeLabel.For(key), null),
            Start, "tests", _rules);
        command.Id = Guid.NewGuid();
        if (!failed)
        {
            command.MarkPosting(command.LeaseId!.Value, "cloud-1", Start, _rules);
        }

        command.Complete(command.LeaseId!.Value, failed
            ? FailurePolicy.Outcome(FailureCondition.JiraValidation, "Jira rejected 1 field.", [])
            : new AttemptOutcome.Created("OPS-1", "10001", "cloud-1", FoundByLookup: false), Start, _rules);
        db.Commands.Add(command);
        await db.SaveChangesAsync(Ct);
        return command;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
