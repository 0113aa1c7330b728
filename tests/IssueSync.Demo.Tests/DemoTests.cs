using System.Net;
using System.Text.Json;
using IssueSync.Cli;
using Spectre.Console.Testing;

namespace IssueSync.Demo.Tests;

/// <summary>The quick start, and the CLI against a real running worker (the demo's host: simulator + worker in process).</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_connects_through_OAuth_and_ends_as_expected()
    {
        using var console = new TestConsole().Width(250);

        var exitCode = await DemoApp.RunAsync(["--json"], console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoApp.Success, exitCode);
        var summary = JsonDocument.Parse(console.Output).RootElement;
        Assert.True(summary.GetProperty("asExpected").GetBoolean(), console.Output);
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
        var runner = new Func<string[], Task<CliResult>>(args => CliResult.RunAsync(args, new Dictionary<string, string>
        {
            ["ISSUESYNC_URL"] = host.WorkerUrl.ToString(),
            ["ISSUESYNC_API_KEY"] = apiKey,
        }));

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

        // The 8-character ids the lists show are taken back.
        var listedIds = await runner(["commands", "list", "--state", "Created"]);
        var shortId = listedIds.Out.Split('\n').Single(l => l.Contains("cli-bad", StringComparison.Ordinal)).Trim().Split(' ')[0];
        Assert.Equal(8, shortId.Length);
        var byShortId = await runner(["commands", "show", shortId, "--json"]);
        Assert.True(byShortId.ExitCode == 0, byShortId.All);
        Assert.Equal("cli-bad", JsonDocument.Parse(byShortId.Out).RootElement.GetProperty("idempotencyKey").GetString());

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

/// <summary>What one <c>issuesync</c> run printed and returned; each run gets a fresh console, as in a shell.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        using var console = new TestConsole().Width(250);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var services = new CliServices(new CliIo(new StringReader(""), output, error), console)
        {
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
        };
        var code = await CliApp.RunAsync(args, services, TestContext.Current.CancellationToken);
        return new CliResult(code, console.Output + output, error.ToString());
    }
}
