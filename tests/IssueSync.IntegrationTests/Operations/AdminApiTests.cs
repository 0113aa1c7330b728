using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using RabbitMQ.Client;

namespace IssueSync.IntegrationTests.Operations;

/// <summary>The failure inbox and re-drive, as an operator uses them through the admin API.</summary>
public sealed class AdminApiTests(IntegrationServices services)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-of-sufficient-length")]
    public async Task Every_admin_endpoint_refuses_a_missing_or_wrong_key(string? key)
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var client = new HttpClient { BaseAddress = scenario.Worker.BaseUrl };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        string[] gets = ["/admin/connections", "/admin/connections/acme", "/admin/commands", "/admin/commands/x", "/admin/failures", "/admin/rejected", "/admin/error-queue"];
        foreach (var path in gets)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        }

        (HttpMethod Method, string Path)[] writes =
        [
            (HttpMethod.Post, "/admin/connections"), (HttpMethod.Post, "/admin/connections/acme/authorize"), (HttpMethod.Put, "/admin/connections/acme/site"),
            (HttpMethod.Delete, "/admin/connections/acme"), (HttpMethod.Post, "/admin/commands"), (HttpMethod.Post, "/admin/commands/x/retry"),
            (HttpMethod.Post, "/admin/commands/retry"), (HttpMethod.Put, "/admin/commands/x"), (HttpMethod.Post, "/admin/commands/x/discard"),
            (HttpMethod.Post, "/admin/error-queue/redrive"),
        ];
        foreach (var (method, path) in writes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) };
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {response.StatusCode}");
        }

        Assert.Equal(ConnectionStatus.Active, await scenario.WithDbAsync(db => Task.FromResult(db.Connections.Single().Status)));
    }

    [Fact]
    public async Task An_operator_lists_inspects_edits_and_retries_a_failed_command()
    {
        await using var events = await EventListener.StartAsync(services);
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var admin = scenario.Worker.AdminClient();
        var accepted = await admin.PostAsJsonAsync("/admin/commands", new[]
        {
            PipelineScenario.Command("inbox-ok"),
            PipelineScenario.Command("inbox-bug", c => c with { IssueType = "Bug" }),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, (await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accepted").GetInt32());

        // A mistake any producer sees is refused by the admin API, like the producer library does; a raw producer's gets recorded.
        var refused = await admin.PostAsJsonAsync("/admin/commands", new[]
        {
            PipelineScenario.Command("inbox-refused"),
            PipelineScenario.Command("inbox-refused-label", c => c with { Labels = ["two words"] }),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").TryGetProperty("[1].labels", out _));
        await scenario.SendAsync(PipelineScenario.Command("inbox-label", c => c with { Labels = ["two words"] }));
        await scenario.WaitForTerminalAsync(["inbox-ok", "inbox-bug", "inbox-label"]);
        Assert.Empty(await scenario.CommandsAsync(["inbox-refused", "inbox-refused-label"]));

        var failedPage = await admin.GetFromJsonAsync<JsonElement>("/admin/commands?state=Failed&pageSize=1&page=1", TestContext.Current.CancellationToken);
        Assert.Equal(2, failedPage.GetProperty("total").GetInt32());
        Assert.Equal(1, failedPage.GetProperty("items").GetArrayLength());
        var groups = await admin.GetFromJsonAsync<JsonElement>("/admin/failures", TestContext.Current.CancellationToken);
        var validation = Assert.Single(groups.EnumerateArray());
        Assert.Equal("validation", validation.GetProperty("reasonCode").GetString());
        Assert.Equal(2, validation.GetProperty("count").GetInt32());

        var detail = await admin.GetFromJsonAsync<JsonElement>("/admin/commands/inbox-bug", TestContext.Current.CancellationToken);
        Assert.Contains(detail.GetProperty("fieldErrors").EnumerateArray(), e => e.GetProperty("field").GetString() == "customfield_10050");
        Assert.Equal("validation", Assert.Single(detail.GetProperty("attemptLog").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal("Bug", detail.GetProperty("command").GetProperty("issueType").GetString());

        var invalidEdit = await admin.PutAsJsonAsync("/admin/commands/inbox-bug", new { summary = "two\nlines" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, invalidEdit.StatusCode);
        Assert.Contains("summary", await invalidEdit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var edit = await admin.PutAsJsonAsync("/admin/commands/inbox-bug",
            new { customFields = new Dictionary<string, object> { ["customfield_10050"] = "Sev2" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var fixedCommand = Assert.Single(await scenario.WaitForAsync(["inbox-bug"], c => c.State == CommandState.Created));
        var issue = Assert.Single(await scenario.Simulator.Admin.GetIssuesAsync(), i => i.Key == fixedCommand.JiraIssueKey);
        Assert.Contains("Sev2", JsonSerializer.Serialize(issue.Fields), StringComparison.Ordinal);

        var retryCreated = await admin.PostAsync(new Uri("/admin/commands/inbox-ok/retry", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, retryCreated.StatusCode);
        var discard = await admin.PostAsJsonAsync("/admin/commands/inbox-label/discard", new { reason = "sent by mistake" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        var discarded = await EventListener.WaitForAsync(events.Failed, e => e.IdempotencyKey == "inbox-label" && e.ReasonCode == FailureReasons.Discarded);
        Assert.Contains("sent by mistake", discarded.Message, StringComparison.Ordinal);
        Assert.Equal(CommandState.Discarded, (await scenario.CommandsAsync(["inbox-label"]))[0].State);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/admin/failures", TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Fact]
    public async Task Retry_by_filter_touches_only_the_matching_failures()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var admin = scenario.Worker.AdminClient();
        await scenario.SendAsync(
            PipelineScenario.Command("filter-conn", c => c with { ConnectionId = "not-yet" }),
            PipelineScenario.Command("filter-prio", c => c with { Priority = "Blocker-ish" }));
        await scenario.WaitForTerminalAsync(["filter-conn", "filter-prio"]);

        // The missing connection appears: retrying that reason creates the issue; the other failure is untouched.
        await scenario.ConnectAsync("not-yet");
        var retried = await admin.PostAsJsonAsync("/admin/commands/retry", new { reason = FailureReasons.UnknownConnection }, TestContext.Current.CancellationToken);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("retried").GetInt32());

        Assert.Equal(CommandState.Created, Assert.Single(await scenario.WaitForAsync(["filter-conn"], c => c.State == CommandState.Created)).State);
        var untouched = (await scenario.CommandsAsync(["filter-prio"]))[0];
        Assert.Equal(CommandState.Failed, untouched.State);
        Assert.Equal(1, untouched.Attempts);
    }

    [Fact]
    public async Task Error_queue_messages_are_listed_and_redriven_selectively()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        using var admin = scenario.Worker.AdminClient();
        var first = await PublishRawAsync(scenario, """{"idempotencyKey":"eq-1","summary":""");
        var second = await PublishRawAsync(scenario, """{"idempotencyKey":"eq-2","summary":""");
        var listed = await WaitForErrorQueueAsync(admin, 2);
        Assert.Contains(listed, m => m.GetProperty("messageId").GetString() == first);
        Assert.All(listed, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("exceptionType").GetString())));

        var redrive = await admin.PostAsJsonAsync("/admin/error-queue/redrive", new { messageIds = new[] { first } }, TestContext.Current.CancellationToken);
        var result = await redrive.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, result.GetProperty("redriven").GetInt32());

        // The re-driven message went through the input queue again (and, still broken, was recorded a second time);
        // the other one never left the error queue.
        await WaitUntilAsync(async () => await scenario.WithDbAsync(db => Task.FromResult(db.RejectedMessages.Count(r => r.MessageId == first))) == 2);
        Assert.Equal(1, await scenario.WithDbAsync(db => Task.FromResult(db.RejectedMessages.Count(r => r.MessageId == second))));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync("/admin/error-queue/redrive", new { }, TestContext.Current.CancellationToken)).StatusCode);

        // Both are also in the rejected-messages list, with their raw bodies.
        var rejected = await admin.GetFromJsonAsync<JsonElement>("/admin/rejected?reason=malformed-command", TestContext.Current.CancellationToken);
        Assert.Equal(3, rejected.GetProperty("total").GetInt32());
        Assert.Contains(rejected.GetProperty("items").EnumerateArray(), r => r.GetProperty("messageId").GetString() == second
            && r.GetProperty("rawBody").GetString()!.Contains("eq-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prometheus_scrape_shows_issues_and_jira_requests()
    {
        await using var scenario = await PipelineScenario.StartAsync(services);
        await scenario.SendAsync(PipelineScenario.Command("metrics-1"));
        await scenario.WaitForTerminalAsync(["metrics-1"]);

        using var client = new HttpClient { BaseAddress = scenario.Worker.BaseUrl };
        string text = "";
        await WaitUntilAsync(async () =>
        {
            text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            return text.Contains("issuesync_issues_created_total", StringComparison.Ordinal);
        });
        Assert.Contains("issuesync_jira_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"create-issue\"", text, StringComparison.Ordinal);
        Assert.Contains("issuesync_metadata_lookups_total", text, StringComparison.Ordinal);
    }

    private async Task<string> PublishRawAsync(PipelineScenario scenario, string body)
    {
        var messageId = Guid.NewGuid().ToString();
        await using var connection = await services.ConnectRabbitMqAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync(scenario.Settings.InputQueue, "", false,
            new BasicProperties { ContentType = "application/json", MessageId = messageId, Persistent = true }, Encoding.UTF8.GetBytes(body));
        return messageId;
    }

    private static async Task<List<JsonElement>> WaitForErrorQueueAsync(HttpClient admin, int count)
    {
        List<JsonElement> messages = [];
        await WaitUntilAsync(async () =>
        {
            var listed = await admin.GetFromJsonAsync<JsonElement>("/admin/error-queue", TestContext.Current.CancellationToken);
            messages = listed.EnumerateArray().ToList();
            return messages.Count >= count;
        });
        return messages;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 30 s.");
            }

            await Task.Delay(100);
        }
    }
}
