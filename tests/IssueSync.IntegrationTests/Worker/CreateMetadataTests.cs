using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>Jira answers createmeta by the user's permissions and screens; so does the worker's cache.</summary>
public sealed class CreateMetadataTests(IntegrationServices services)
{
    /// <summary>On acme, this user may create in OPS but their create screen has no priority (the default seed).</summary>
    private const string LimitedUser = "712020:4f9b2c6e-8a1d-4e3b-9c5f-2d7a0b6e1f38";

    [Fact]
    public async Task One_users_create_metadata_never_validates_another_users_request()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.ConnectAsync("limited", LimitedUser);

        // The demo user's command caches OPS/Task metadata, priority included.
        await scenario.SendAsync(PipelineScenario.Command("meta-demo"));
        Assert.Equal(CommandState.Created, Assert.Single(await scenario.WaitForTerminalAsync(["meta-demo"])).State);

        await scenario.SendAsync(PipelineScenario.Command("meta-limited", c => c with { ConnectionId = "limited" }));

        var failed = Assert.Single(await scenario.WaitForTerminalAsync(["meta-limited"]));
        Assert.Equal(CommandState.Failed, failed.State);
        Assert.Equal(FailureReasons.Validation, failed.ReasonCode);
        Assert.Contains("priority", failed.FieldErrorsJson, StringComparison.Ordinal);
        // Checked against the limited user's own metadata: their request never went to Jira.
        Assert.Equal(1, (await scenario.Simulator.Admin.GetStatsAsync()).Requests["create-issue"].Values.Sum());
    }
}
