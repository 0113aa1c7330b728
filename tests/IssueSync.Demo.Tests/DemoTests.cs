using System.Net;
using System.Text.Json;
using IssueSync.Cli.Commands.Demo;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Demo;

/// <summary>The quick start, and the CLI against a real running worker (the demo's host: simulator + worker in process).</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_connects_through_OAuth_and_ends_as_expected()
    {
        using var runner = new CliRunner(new HttpClientHandler());

        var result = await runner.RunAsync("demo", "--json");

        Assert.Equal(0, result.ExitCode);
        var summary = JsonDocument.Parse(result.Out).RootElement;
        Assert.True(summary.GetProperty("asExpected").GetBoolean(), result.Out);
        Assert.Equal(46, summary.GetProperty("sent").GetInt32());
        Assert.Equal(40, summary.GetProperty("created").GetInt32());
        Assert.Equal(6, summary.GetProperty("failed").GetInt32());
        Assert.Equal(5, summary.GetProperty("failures").GetProperty("validation").GetInt32());
        Assert.Equal(1, summary.GetProperty("failures").GetProperty("invalid-adf").GetInt32());
        Assert.True(summary.GetProperty("tokenRefreshes").GetInt64() >= 1, "the access token expired mid-run, so a refresh must have happened");
        Assert.Equal(0, summary.GetProperty("invalidGrants").GetInt64());
        Assert.True(summary.GetProperty("rateLimited").GetInt64() >= 1, "the batch must meet Jira's burst limit");
        Assert.True(summary.GetProperty("seconds").GetDouble() < 120);
    }

    [Fact]
    public async Task The_cli_operates_a_running_worker()
    {
        await using var host = await DemoHost.StartAsync(TestContext.Current.CancellationToken);
        // A fresh runner (and console) per command, as a shell would run them.
        var apiKey = host.ApiKey;
        var runner = new Func<string[], Task<CliResult>>(async args =>
        {
            using var cli = new CliRunner(new HttpClientHandler());
            cli.Environment["ISSUESYNC_URL"] = host.WorkerUrl.ToString();
            cli.Environment["ISSUESYNC_API_KEY"] = apiKey;
            return await cli.RunAsync(args);
        });

        // Connect: create, consent in the "browser", choose the site.
        var created = await runner(["connections", "create", "ops-team", "--json"]);
        Assert.True(created.ExitCode == 0, created.All);
        Assert.True(created.Out.Trim().StartsWith('{') && created.Out.Trim().EndsWith('}'), created.Out);
        var authorizeUrl = JsonDocument.Parse(created.Out).RootElement.GetProperty("authorizeUrl").GetString()!;
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var consent = await browser.GetAsync(new Uri(authorizeUrl), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(consent.Headers.Location, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(0, (await runner(["connections", "choose-site", "ops-team", "https://acme.atlassian.net"])).ExitCode);
        var listed = await runner(["connections", "list"]);
        Assert.Contains("ops-team", listed.Out, StringComparison.Ordinal);
        Assert.Contains("Active", listed.Out, StringComparison.Ordinal);

        // Publish one good and one bad command; wait for both to end.
        Assert.Equal(0, (await runner(["publish", "--key", "cli-good", "--connection", "ops-team", "--project", "OPS", "--type", "Task", "--summary", "Works"])).ExitCode);
        Assert.Equal(0, (await runner(["publish", "--key", "cli-bad", "--connection", "ops-team", "--project", "OPS", "--type", "Bug", "--summary", "No severity"])).ExitCode);
        await WaitForAsync(runner, "cli-good", "Created");
        await WaitForAsync(runner, "cli-bad", "Failed");

        var failures = await runner(["failures"]);
        Assert.Equal(0, failures.ExitCode);
        Assert.Contains("validation", failures.Out, StringComparison.Ordinal);
        var shown = await runner(["commands", "show", "cli-bad"]);
        Assert.Contains("customfield_10050", shown.Out, StringComparison.Ordinal);

        // Edit-then-retry fixes it.
        Assert.Equal(0, (await runner(["commands", "edit", "cli-bad", "--field", "customfield_10050=Sev1"])).ExitCode);
        await WaitForAsync(runner, "cli-bad", "Created");

        // Meaningful exit codes against the real API.
        Assert.Equal(3, (await runner(["commands", "show", "no-such-command"])).ExitCode);
        Assert.Equal(4, (await runner(["retry", "cli-good"])).ExitCode);
        apiKey = "wrong-key-0123456789";
        Assert.Equal(5, (await runner(["connections", "list"])).ExitCode);
    }

    private static async Task WaitForAsync(Func<string[], Task<CliResult>> runner, string key, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var result = await runner(["commands", "show", key, "--json"]);
            if (result.ExitCode == 0 && JsonDocument.Parse(result.Out).RootElement.GetProperty("state").GetString() == state)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{key} did not become {state}: {result.All}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
