using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator.Faults;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>docs/architecture.md §2 and §4 end to end: real RabbitMQ, real PostgreSQL, the Jira simulator over HTTP.</summary>
public sealed class CreateIssuePipelineTests(IntegrationServices services)
{
    [Fact]
    public async Task A_command_creates_one_issue_and_publishes_IssueCreated()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services);

        await scenario.SendAsync(PipelineScenario.Command("happy-1"));

        var command = Assert.Single(await scenario.WaitForTerminalAsync(["happy-1"]));
        Assert.Equal(CommandState.Created, command.State);
        // The producer's send time is kept: the latency metric runs from publish to issue.
        Assert.NotNull(command.SentAt);
        Assert.True(command.SentAt <= command.ReceivedAt.AddSeconds(1));
        var issues = await scenario.Simulator.Admin.GetIssuesAsync(projectKey: "OPS");
        var issue = Assert.Single(issues);
        Assert.Equal(issue.Key, command.JiraIssueKey);
        Assert.Contains(command.DedupeLabel, issue.Labels);
        var created = await EventListener.WaitForAsync(events.Created, e => e.IdempotencyKey == "happy-1");
        Assert.Equal(issue.Key, created.IssueKey);
        Assert.Equal("corr-happy-1", created.CorrelationId);
        Assert.Equal($"https://acme.atlassian.net/browse/{issue.Key}", created.IssueUrl);
        Assert.False(created.AlreadyExisted);

        // The input queue is a quorum queue with the configured kebab-case name, a delivery limit and a dead-letter target.
        await services.AssertQueueIsQuorumAsync(scenario.Settings.InputQueue, initialGroupSize: 1, otherArguments: new Dictionary<string, object?>
        {
            ["x-delivery-limit"] = 10,
            ["x-dead-letter-exchange"] = scenario.Settings.InputQueue + "_error",
        });

        // Structured logs carry the command id, connection, site and Jira key as properties.
        var createdLog = Assert.Single(scenario.Worker.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Command {CommandId} created", StringComparison.Ordinal));
        Assert.Equal($"\"{issue.Key}\"", createdLog.Properties["JiraKey"].ToString());
        Assert.Equal($"\"{PipelineScenario.CloudId}\"", createdLog.Properties["CloudId"].ToString());
        Assert.Equal($"\"{PipelineScenario.Connection}\"", createdLog.Properties["ConnectionId"].ToString());
        Assert.Equal(command.Id.ToString(), createdLog.Properties["CommandId"].ToString());
    }

    [Fact]
    public async Task The_same_command_delivered_twice_creates_one_issue()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services);

        await scenario.SendAsync(PipelineScenario.Command("twice-1"));
        await scenario.WaitForTerminalAsync(["twice-1"]);
        await scenario.SendAsync(PipelineScenario.Command("twice-1"));

        var again = await EventListener.WaitForAsync(events.Created, e => e.IdempotencyKey == "twice-1" && e.AlreadyExisted);
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync(projectKey: "OPS"));
        Assert.Equal((await scenario.CommandsAsync(["twice-1"]))[0].JiraIssueKey, again.IssueKey);
    }

    [Fact]
    public async Task A_lost_response_is_looked_up_instead_of_posted_again()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, LostResponseMode = LostResponseMode.GatewayTimeout });

        await scenario.SendAsync(PipelineScenario.Command("lost-1"));

        var command = Assert.Single(await scenario.WaitForTerminalAsync(["lost-1"]));
        Assert.Equal(CommandState.Created, command.State);
        var issue = Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync(projectKey: "OPS"));
        Assert.Equal(issue.Key, command.JiraIssueKey);
        Assert.Contains(command.AttemptLog, a => a.Outcome == "unknown-outcome");
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
    }

    [Fact]
    public async Task An_uncertain_create_stays_uncertain_when_the_lookup_itself_fails()
    {
        await using var scenario = await PipelineScenario.StartAsync(services, worker: s => s with
        {
            Overrides = new Dictionary<string, string?> { ["IssueSync:Retry:BaseDelay"] = "00:00:02", ["IssueSync:Retry:MaxDelay"] = "00:00:05" },
        });
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, Endpoints = ["create-issue"] });

        await scenario.SendAsync(PipelineScenario.Command("uncertain-1"));
        await scenario.WaitForAsync(["uncertain-1"], c => c.AttemptLog.Any(a => a.Outcome == "unknown-outcome"));
        // The next attempt starts with the dedupe search: make that search fail once. A failure that says
        // nothing about the lost create must not make the worker forget it and post a second issue.
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { ServerErrorNextCount = 1, Endpoints = ["search-jql"] });

        var command = Assert.Single(await scenario.WaitForTerminalAsync(["uncertain-1"]));
        Assert.Equal(CommandState.Created, command.State);
        Assert.Contains(command.AttemptLog, a => a.Outcome == "lookup-failed");
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync(projectKey: "OPS"));
        Assert.Empty(await scenario.Simulator.Admin.GetDuplicatesAsync());
    }

    [Fact]
    public async Task A_missing_required_field_fails_before_calling_Jira_and_names_the_field()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services);

        await scenario.SendAsync(PipelineScenario.Command("nosev-1", c => c with { IssueType = "Bug" }));

        var command = Assert.Single(await scenario.WaitForTerminalAsync(["nosev-1"]));
        Assert.Equal(CommandState.Failed, command.State);
        Assert.Equal(FailureReasons.Validation, command.ReasonCode);
        Assert.Contains("customfield_10050", command.FieldErrorsJson, StringComparison.Ordinal);
        Assert.Equal(1, command.Attempts);
        Assert.Empty(await scenario.Simulator.Admin.GetIssuesAsync());
        var failed = await EventListener.WaitForAsync(events.Failed, e => e.IdempotencyKey == "nosev-1");
        Assert.Contains(failed.FieldErrors, f => f.Field == "customfield_10050");

        // Permanent: nothing retries it by itself.
        await scenario.Workers[0].Services.GetRequiredService<IssueSync.Worker.Pipeline.RetryDispatcher>().DispatchOnceAsync(CancellationToken.None);
        Assert.Equal(1, (await scenario.CommandsAsync(["nosev-1"]))[0].Attempts);
    }

    [Fact]
    public async Task Invalid_grant_parks_the_commands_and_a_reconnect_resumes_them()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.Simulator.Admin.RevokeUserAsync(PipelineScenario.AccountId);
        await scenario.Simulator.Admin.ExpireAccessTokensAsync();
        await scenario.WithDbAsync(db => db.Connections.ExecuteUpdateAsync(u => u.SetProperty(c => c.AccessTokenExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        string[] keys = ["parked-1", "parked-2", "parked-3"];
        await scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k)).ToArray());

        var parked = await scenario.WaitForAsync(keys, c => c.State == CommandState.Parked);
        Assert.All(parked, c => Assert.Equal("reauthorization-required", c.ReasonCode));
        await EventListener.WaitForAsync(events.Reauthorization, e => e.ConnectionId == PipelineScenario.Connection);
        Assert.Equal(ConnectionStatus.ReauthorizationRequired,
            await scenario.WithDbAsync(db => db.Connections.Select(c => c.Status).SingleAsync()));

        await scenario.ConnectAsync();

        var created = await scenario.WaitForTerminalAsync(keys);
        Assert.All(created, c => Assert.Equal(CommandState.Created, c.State));
        Assert.Equal(3, (await scenario.Simulator.Admin.GetIssuesAsync()).Count);
    }
}
