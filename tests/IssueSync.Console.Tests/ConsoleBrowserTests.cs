using System.Text;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RabbitMQ.Client;
using static Microsoft.Playwright.Assertions;

namespace IssueSync.Console.Tests;

/// <summary>The console in Chromium against a real worker and the simulator: what an operator does, and what a viewer cannot.</summary>
public sealed class ConsoleBrowserTests(IntegrationServices services, BrowserFixture browser)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_operator_sees_a_validation_failure_fixes_it_with_edit_then_retry_and_sees_it_created()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        await session.Scenario.SendAsync(PipelineScenario.Command("edit-1", c => c with { Priority = "Urgent" }));
        await session.Scenario.WaitForTerminalAsync(["edit-1"]);
        var page = session.Page;

        await session.StepsAsync(async () =>
        {
            await session.SignInAsync(ConsoleSession.OperatorKey);
            await session.GotoAsync("/console/failures");
            var group = page.Locator("[data-reason=validation]");
            await Expect(group.GetByTestId("group-count")).ToHaveTextAsync("1");
            await group.GetByRole(AriaRole.Link, new() { Name = "validation" }).ClickAsync();
            var row = page.Locator("[data-key=edit-1]");
            await Expect(row).ToContainTextAsync("Urgent");
            await row.GetByRole(AriaRole.Link).First.ClickAsync();

            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Failed");
            await Expect(page.GetByTestId("jira-error-Priority")).ToContainTextAsync("Urgent");

            // A value the create metadata does not allow is refused on the form, before anything is saved or sent.
            await page.GetByTestId("input-Priority").FillAsync("Critical");
            await page.GetByTestId("edit-retry").ClickAsync();
            await Expect(page.GetByTestId("edit-error-Priority")).ToContainTextAsync("Critical");
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Failed");

            await page.GetByTestId("input-Priority").FillAsync("High");
            await page.GetByTestId("edit-retry").ClickAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync("Edited (priority) and retried");
            // The live refresh shows the outcome without a reload.
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Created", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Expect(page.GetByTestId("issue-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://acme\\.atlassian\\.net/browse/OPS-\\d+$"));
            await Expect(page.GetByTestId("history")).ToContainTextAsync("olga-operator");
        });

        var command = Assert.Single(await session.Scenario.CommandsAsync(["edit-1"]));
        Assert.Equal(CommandState.Created, command.State);
        var audit = await session.Scenario.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CommandId == command.Id).OrderBy(a => a.At).ToListAsync());
        Assert.Equal([("EditCommand", 400), ("EditCommand", 200)], audit.Select(a => (a.Action, a.Status)));
        Assert.All(audit, a => Assert.Equal(("olga-operator", "console"), (a.Actor, a.Surface)));
    }

    [Fact]
    public async Task A_group_is_retried_in_bulk_and_a_selected_command_is_discarded_with_a_reason()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        string[] keys = ["bulk-1", "bulk-2", "bulk-3", "bulk-4"];
        await session.Scenario.SendAsync(keys.Select(k => PipelineScenario.Command(k, c => c with { ConnectionId = "globex" })).ToArray());
        await session.Scenario.WaitForTerminalAsync(keys);
        var page = session.Page;

        await session.StepsAsync(async () =>
        {
            await session.SignInAsync(ConsoleSession.OperatorKey);
            await session.GotoAsync($"/console/failures?reason={FailureReasons.UnknownConnection}");
            await Expect(page.Locator($"[data-reason={FailureReasons.UnknownConnection}]").GetByTestId("group-count")).ToHaveTextAsync("4");
            await session.ScreenshotAsync(Path.Combine(Artifacts.Directory, "failures-page.png"));

            await page.Locator("[data-key=bulk-4]").GetByTestId("select").CheckAsync();
            await page.GetByTestId("discard-reason").FillAsync("duplicate of OPS-1");
            await page.GetByTestId("discard-selected").ClickAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync("Discarded 1 command(s): duplicate of OPS-1");
            await Expect(page.Locator($"[data-reason={FailureReasons.UnknownConnection}]").GetByTestId("group-count")).ToHaveTextAsync("3");

            await session.Scenario.ConnectAsync("globex");
            await page.GetByTestId("retry-group").ClickAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync("Retried 3 command(s).");
        });

        var done = await session.Scenario.WaitForAsync(keys[..3], c => c.State == CommandState.Created, Patience);
        Assert.Equal(3, done.Count);
        var discarded = Assert.Single(await session.Scenario.CommandsAsync(["bulk-4"]));
        Assert.Equal(CommandState.Discarded, discarded.State);
        var entry = Assert.Single(await session.Scenario.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CommandId == discarded.Id).ToListAsync()));
        Assert.Equal(("olga-operator", "DiscardCommand", "reason: duplicate of OPS-1"), (entry.Actor, entry.Action, entry.Detail));
    }

    [Fact]
    public async Task An_admin_sees_a_reconnect_by_another_account_and_binds_the_connection_to_it()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        await session.Scenario.ReconnectAsAsync(PipelineScenario.OtherAccountId);
        var page = session.Page;

        await session.StepsAsync(async () =>
        {
            await session.SignInAsync(ConsoleSession.AdminKey);
            await session.GotoAsync("/console/connections");
            var row = page.Locator($"tr[data-connection='{PipelineScenario.Connection}']");
            await Expect(row).ToContainTextAsync("AwaitingAccountConfirmation");
            await Expect(row.GetByTestId("held-account")).ToContainTextAsync($"Limited User <limited.user@example.com> ({PipelineScenario.OtherAccountId})");

            await page.GetByTestId("confirm-account").GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.GetByTestId("notice")).ToContainTextAsync($"bound to account {PipelineScenario.OtherAccountId}");
            await Expect(row).ToContainTextAsync("Active");
            await Expect(page.GetByTestId("confirm-account")).ToHaveCountAsync(0);
        });

        var connection = await session.Scenario.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Name == PipelineScenario.Connection));
        Assert.Equal(PipelineScenario.OtherAccountId, connection.AtlassianAccountId);
        var audit = Assert.Single(await session.Scenario.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "ConfirmAccount").ToListAsync()));
        Assert.Equal("ada-admin", audit.Actor);
        Assert.Equal("console", audit.Surface);
        Assert.Equal(PipelineScenario.Connection, audit.Target);
    }

    [Fact]
    public async Task A_viewer_sees_failures_but_cannot_act_even_by_forcing_the_form()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        await session.Scenario.SendAsync(PipelineScenario.Command("viewer-1", c => c with { Priority = "Urgent" }));
        var failed = Assert.Single(await session.Scenario.WaitForTerminalAsync(["viewer-1"]));
        var page = session.Page;

        await session.StepsAsync(async () =>
        {
            await session.SignInAsync(ConsoleSession.ViewerKey);
            await session.GotoAsync($"/console/failures?reason={FailureReasons.Validation}");
            await Expect(page.GetByTestId("retry-selected")).ToBeDisabledAsync();
            await Expect(page.GetByTestId("viewer-note")).ToBeVisibleAsync();

            await session.GotoAsync($"/console/commands/{failed.Id}");
            await Expect(page.GetByTestId("retry")).ToBeDisabledAsync();
            // The server decides, not the button: forced, the retry is refused for the viewer role.
            await page.GetByTestId("retry").EvaluateAsync("button => button.removeAttribute('disabled')");
            await page.GetByTestId("retry").ClickAsync();
            await Expect(page.GetByTestId("problem")).ToContainTextAsync("'vic-viewer' has the viewer role");
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Failed");
        });

        Assert.Equal(CommandState.Failed, Assert.Single(await session.Scenario.CommandsAsync(["viewer-1"])).State);
        Assert.Empty(await session.Scenario.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task A_hostile_raw_body_is_shown_as_text_and_runs_nothing()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        const string hostile = """<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">{"idempotencyKey":"</pre><b>x</b>""";
        await PublishRawAsync(session.Scenario, hostile);
        await WaitForRejectedAsync(session.Scenario);
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await session.StepsAsync(async () =>
        {
            await session.SignInAsync(ConsoleSession.ViewerKey);
            await session.GotoAsync("/console/rejected");
            await Expect(page.GetByTestId("raw-body").First).ToHaveTextAsync(hostile);
            Assert.Equal(0, await page.Locator("main script, main img, main b").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        });

        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Without_a_session_every_page_asks_to_sign_in_and_a_wrong_key_is_refused()
    {
        await using var session = await ConsoleSession.StartAsync(services, browser);
        var page = session.Page;

        await session.StepsAsync(async () =>
        {
            await session.GotoAsync("/console/failures");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in\\?returnUrl=%2Fconsole%2Ffailures$"));
            await page.GetByTestId("key").FillAsync("not-a-key-of-this-worker-0123456789");
            await page.GetByTestId("sign-in").ClickAsync();
            await Expect(page.GetByTestId("problem")).ToContainTextAsync("not a key of this worker");

            await page.GetByTestId("key").FillAsync(ConsoleSession.ViewerKey);
            await page.GetByTestId("sign-in").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/failures$"));
            var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "issuesync-console");
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        });

        Assert.DoesNotContain("not-a-key-of-this-worker", session.Scenario.Worker.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleSession.ViewerKey, session.Scenario.Worker.Logs.AllText(), StringComparison.Ordinal);
    }

    private async Task PublishRawAsync(PipelineScenario scenario, string body)
    {
        await using var connection = await services.ConnectRabbitMqAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/json", MessageId = Guid.NewGuid().ToString(), Persistent = true };
        await channel.BasicPublishAsync(scenario.Settings.InputQueue, "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    private static async Task WaitForRejectedAsync(PipelineScenario scenario)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await scenario.WithDbAsync(db => db.RejectedMessages.AsNoTracking().CountAsync()) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The hostile message was not recorded as rejected.");
            }

            await Task.Delay(100);
        }
    }
}
