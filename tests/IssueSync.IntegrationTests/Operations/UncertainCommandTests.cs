using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.JiraSimulator.Faults;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.IntegrationTests.Operations;

/// <summary>
/// An operator decides an uncertain command (a create request whose answer was lost) through the admin API, naming it
/// by the short id the lists show. The next lookup is an hour away, so the command waits for the operator.
/// </summary>
public sealed class UncertainCommandTests(IntegrationServices services)
{
    [Fact]
    public async Task The_issue_an_operator_names_is_checked_in_Jira_and_the_producer_gets_IssueCreated()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await StartAsync();
        var command = await MakeUncertainAsync(scenario, "uncertain-found");
        var shortId = command.Id.ToString()[..8];
        using var admin = scenario.Worker.AdminClient();

        var listed = await admin.GetFromJsonAsync<JsonElement>("/admin/commands?state=Uncertain", TestContext.Current.CancellationToken);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("MayExist", item.GetProperty("outcome").GetString());
        var issue = Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());

        var unknown = await admin.PostAsJsonAsync($"/admin/commands/{shortId}/resolve", new { issueKey = "OPS-999999" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var resolved = await admin.PostAsJsonAsync($"/admin/commands/{shortId}/resolve", new { issueKey = issue.Key }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Created", body.GetProperty("state").GetString());
        Assert.Equal(issue.Key, body.GetProperty("jiraIssueKey").GetString());
        var created = await EventListener.WaitForAsync(events.Created, e => e.IdempotencyKey == "uncertain-found");
        Assert.Equal(issue.Key, created.IssueKey);
        Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync());
    }

    [Fact]
    public async Task An_operator_ends_an_uncertain_command_as_failed_and_the_producer_gets_IssueCreationFailed()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await StartAsync();
        await MakeUncertainAsync(scenario, "uncertain-failed");
        using var admin = scenario.Worker.AdminClient();

        var failed = await admin.PostAsJsonAsync("/admin/commands/uncertain-failed/fail", new { reason = "handled by hand" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var answer = await EventListener.WaitForAsync(events.Failed, e => e.IdempotencyKey == "uncertain-failed");
        Assert.Equal(FailureReasons.FailedByOperator, answer.ReasonCode);
        Assert.Contains("handled by hand", answer.Message, StringComparison.Ordinal);
        Assert.Equal(CommandState.Failed, Assert.Single(await scenario.CommandsAsync(["uncertain-failed"])).State);
    }

    [Fact]
    public async Task An_id_prefix_shared_by_two_commands_is_refused_naming_both()
    {
        await using var scenario = await StartAsync();
        await scenario.SendAsync(PipelineScenario.Command("prefix-1"), PipelineScenario.Command("prefix-2"));
        var commands = await scenario.WaitForAsync(["prefix-1", "prefix-2"], c => c.State == CommandState.Created);
        // Give both ids the same first eight digits, as a busy ledger eventually does (the attempt log goes: it would pin the id).
        var shared = commands[0].Id.ToString()[..8];
        var renamed = Guid.Parse(shared + commands[1].Id.ToString()[8..]);
        await scenario.WithDbAsync(db => db.CommandAttempts.Where(a => a.CommandId == commands[1].Id).ExecuteDeleteAsync());
        await scenario.WithDbAsync(db => db.Commands.Where(c => c.Id == commands[1].Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Id, renamed)));
        using var admin = scenario.Worker.AdminClient();

        var ambiguous = await admin.GetAsync(new Uri($"/admin/commands/{shared.ToUpperInvariant()}", UriKind.Relative), TestContext.Current.CancellationToken);
        var unique = await admin.GetFromJsonAsync<JsonElement>($"/admin/commands/{renamed.ToString()[..13]}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        var detail = (await ambiguous.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString()!;
        Assert.Contains($"{commands[0].Id} ({commands[0].IdempotencyKey})", detail, StringComparison.Ordinal);
        Assert.Contains($"{renamed} ({commands[1].IdempotencyKey})", detail, StringComparison.Ordinal);
        Assert.Equal(commands[1].IdempotencyKey, unique.GetProperty("idempotencyKey").GetString());
    }

    private Task<PipelineScenario> StartAsync() =>
        PipelineScenario.StartAsync(services, worker: s => s with { LookupSchedule = [TimeSpan.FromHours(1)] });

    // Jira creates the issue and the answer is lost (a 504 from the gateway): the command becomes uncertain.
    private static async Task<IssueCommand> MakeUncertainAsync(PipelineScenario scenario, string key)
    {
        await scenario.Simulator.Admin.SetFaultsAsync(new FaultSettings { LostResponseNextCount = 1, LostResponseMode = LostResponseMode.GatewayTimeout });
        await scenario.SendAsync(PipelineScenario.Command(key));
        return Assert.Single(await scenario.WaitForAsync([key], c => c.State == CommandState.Uncertain));
    }
}
