using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IssueSync.Admin.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Demo;

/// <summary>
/// The quick start: starts the Jira simulator and a worker in this process, connects a demo user through the real
/// OAuth flow (consent, callback, site choice), sends a mixed batch — valid commands, one of each common mistake,
/// enough to meet Jira's rate limit, with the access token expiring mid-run — shows progress, and ends with what
/// happened and where to look. It talks to the worker only through the admin API, like the CLI.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoSettings>
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private IAnsiConsole Console => console;

    public override async Task<int> ExecuteAsync(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        Say(settings, "[bold]IssueSync demo[/]: a Jira Cloud simulator and a worker (SQLite, in-memory transport) on loopback.");
        await using var host = await DemoHost.StartAsync(cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var api = new AdminApiClient(http, host.WorkerUrl, host.ApiKey);
        Say(settings, $"Worker [link]{host.WorkerUrl}[/], simulator [link]{host.Simulator.BaseUrl}[/], worker log {Markup.Escape(host.LogFile)}");

        await ConnectAsync(api, host, settings, cancellationToken);

        var run = Guid.NewGuid().ToString("N")[..6];
        var invalid = DemoBatch.Invalid(run);
        var valid = DemoBatch.Valid(run, settings.Valid);
        var all = valid.Concat(invalid.Select(i => i.Command)).OrderBy(_ => Random.Shared.Next()).ToList();
        await api.PublishBatchAsync(all.Select(c => JsonSerializer.SerializeToElement(c, AdminApiClient.JsonOptions)).ToList(), cancellationToken);
        Say(settings, $"Sent {all.Count} commands: {valid.Count} valid, {invalid.Count} with a mistake each.");

        var finished = await FollowAsync(api, host, settings, all.Count, valid.Count / 3, cancellationToken);
        var summary = await SummarizeAsync(api, host, all.Count, clock.Elapsed, cancellationToken);
        var expected = invalid.GroupBy(i => i.ExpectedReason).ToDictionary(g => g.Key, g => g.Count());
        var ok = finished && summary.Created == valid.Count && summary.Failures.Count == expected.Count
            && expected.All(e => summary.Failures.GetValueOrDefault(e.Key) == e.Value);

        if (settings.Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(summary with { AsExpected = ok }, Indented));
        }
        else
        {
            Render(summary, host, ok);
        }

        if (settings.KeepRunning)
        {
            // Ended by Ctrl+C or SIGTERM (Program.cs turns both into this token); then the hosts stop and the demo exits.
            // The key is made for this run only (random, gone when the demo stops): it signs in to the console too.
            Say(settings, $"Console: [link]{new Uri(host.WorkerUrl, "console")}[/]");
            Say(settings, $"Sign-in key (this run only): [bold]{Markup.Escape(host.ApiKey)}[/]");
            Say(settings, "[grey]Worker and simulator keep running; press Ctrl+C (or send SIGTERM) to stop.[/]");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Say(settings, "[grey]Stopping the worker and the simulator.[/]");
            }
        }

        return ok ? DemoApp.Success : DemoApp.NotAsExpected;
    }

    private async Task ConnectAsync(AdminApiClient api, DemoHost host, DemoSettings settings, CancellationToken cancellationToken)
    {
        var created = (await api.CreateConnectionAsync(DemoBatch.Connection, cancellationToken)).Value;
        var authorizeUrl = created.AuthorizeUrl.ToString();
        Say(settings, $"Connection [bold]{DemoBatch.Connection}[/] created; consent URL: [grey]{Markup.Escape(authorizeUrl[..Math.Min(90, authorizeUrl.Length)])}…[/]");

        // The browser's part: Atlassian (the simulator) asks for consent, then redirects to our callback.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(created.AuthorizeUrl, cancellationToken);
        if (consent.StatusCode != HttpStatusCode.Redirect || consent.Headers.Location is not { } callback)
        {
            throw new InvalidOperationException($"The simulator's consent page answered {(int)consent.StatusCode} instead of redirecting.");
        }

        var landed = await browser.GetAsync(callback, cancellationToken);
        if (!landed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The OAuth callback answered {(int)landed.StatusCode}: {await landed.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var connection = (await api.GetConnectionAsync(DemoBatch.Connection, cancellationToken)).Value;
        Say(settings, $"Consent given; tokens stored encrypted; the account reaches {connection.AvailableSites.Count} sites, so the connection is [yellow]{connection.Status}[/].");
        var site = connection.AvailableSites.FirstOrDefault(s => s.Url.Contains("acme.atlassian.net", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The demo site https://acme.atlassian.net is not among the connection's sites.");
        var chosen = (await api.ChooseSiteAsync(DemoBatch.Connection, site.Url, cancellationToken)).Value;
        Say(settings, $"Site chosen: {Markup.Escape(site.Url)} → connection [green]{chosen.Status}[/].");
    }

    private async Task<bool> FollowAsync(AdminApiClient api, DemoHost host, DemoSettings settings, int total, int expireAfter, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(100);
        var expired = false;
        var interactive = !settings.Json && Console.Profile.Capabilities.Interactive;

        async Task<bool> Poll(Action<CommandCounts> report)
        {
            while (DateTime.UtcNow < deadline)
            {
                var counts = (await api.GetConnectionAsync(DemoBatch.Connection, cancellationToken)).Value.Commands;
                report(counts);
                if (!expired && counts.Created >= expireAfter)
                {
                    // Jira revokes the access token before its time: the worker's next call gets 401, refreshes
                    // (rotating the refresh token under the connection's lock) and carries on.
                    expired = true;
                    await host.Simulator.Admin.ExpireAccessTokensAsync(ct: cancellationToken);
                    if (!interactive)
                    {
                        Say(settings, "[yellow]Access token expired mid-run.[/]");
                    }
                }

                if (counts.Created + counts.Failed >= total)
                {
                    return true;
                }

                await Task.Delay(250, cancellationToken);
            }

            return false;
        }

        if (!interactive)
        {
            var last = DateTime.MinValue;
            return await Poll(counts =>
            {
                if (DateTime.UtcNow - last > TimeSpan.FromSeconds(2))
                {
                    last = DateTime.UtcNow;
                    Say(settings, $"created {counts.Created}, failed {counts.Failed}, waiting {counts.Pending + counts.InProgress + counts.Uncertain + counts.Parked} of {total}");
                }
            });
        }

        var done = false;
        await Console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("commands", maxValue: total);
                done = await Poll(counts =>
                {
                    task.Value = counts.Created + counts.Failed;
                    task.Description = $"[green]{counts.Created} created[/] [red]{counts.Failed} failed[/] [grey]{counts.Pending + counts.InProgress + counts.Uncertain} waiting{(expired ? ", token expired mid-run" : "")}[/]";
                });
            });
        return done;
    }

    private static async Task<DemoSummary> SummarizeAsync(AdminApiClient api, DemoHost host, int sent, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var commands = new List<CommandSummary>();
        for (var page = 1; ; page++)
        {
            var batch = (await api.ListCommandsAsync(new CommandQuery { Page = page, PageSize = 200 }, cancellationToken)).Value;
            commands.AddRange(batch.Items);
            if (page * batch.PageSize >= batch.Total)
            {
                break;
            }
        }

        var failures = (await api.GetFailuresAsync(cancellationToken: cancellationToken)).Value;
        var stats = await host.Simulator.Admin.GetStatsAsync(cancellationToken);
        string[] apiEndpoints = ["create-issue", "createmeta-issuetypes", "createmeta-fields", "search-jql"];
        var jiraCalls = apiEndpoints.Sum(e => stats.Requests.TryGetValue(e, out var byStatus) ? byStatus.Values.Sum() : 0);
        var created = commands.Count(c => c.State == "Created");
        return new DemoSummary(
            sent,
            created,
            commands.Count(c => c.State == "Failed"),
            failures.ToDictionary(f => f.ReasonCode, f => f.Count),
            failures.Select(f => new DemoFailure(f.ReasonCode, f.Count, f.SampleMessage)).ToList(),
            commands.Count(c => c.State == "Created" && c.Attempts > 1),
            stats.Throttled.Values.Sum(),
            stats.Refreshes,
            stats.InvalidGrants,
            jiraCalls,
            created == 0 ? 0 : Math.Round((double)jiraCalls / created, 3),
            Math.Round(elapsed.TotalSeconds, 1),
            AsExpected: false);
    }

    private void Render(DemoSummary summary, DemoHost host, bool ok)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]What happened[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("commands sent", summary.Sent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[green]created in Jira[/]", summary.Created.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("[red]failed (need an operator)[/]", summary.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("created after a retry", summary.Retried.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("429s from Jira (Retry-After honoured)", summary.RateLimited.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("token refreshes / invalid_grant", $"{summary.TokenRefreshes} / {summary.InvalidGrants}");
        table.AddRow("Jira API calls per created issue", summary.JiraCallsPerCreatedIssue.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("duration", $"{summary.Seconds:0.0} s");
        Console.Write(table);

        var failures = new Table().Border(TableBorder.Rounded).Title("[bold]Failures by reason[/]").AddColumn("reason").AddColumn("count").AddColumn("example");
        foreach (var failure in summary.FailureDetails)
        {
            failures.AddRow(Markup.Escape(failure.ReasonCode), failure.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(failure.Sample is { Length: > 100 } s ? s[..100] + "…" : failure.Sample ?? ""));
        }

        Console.Write(failures);
        Console.MarkupLine(ok ? "[green]Everything ended as expected.[/]" : "[red]Something did not end as expected; see the worker log.[/]");
        var connect = $"--url {host.WorkerUrl.ToString().TrimEnd('/')}";
        Console.MarkupLine("Look at the failures (with [bold]--keep-running[/] the worker stays up for these):");
        Console.MarkupLine($"  [grey]export ISSUESYNC_API_KEY={Markup.Escape(host.ApiKey)}[/]");
        Console.MarkupLine($"  [grey]issuesync failures {Markup.Escape(connect)}[/]");
        Console.MarkupLine($"  [grey]issuesync commands list --state Failed {Markup.Escape(connect)}[/]");
        Console.MarkupLine($"  [grey]issuesync commands show <id> {Markup.Escape(connect)}[/]");
        Console.MarkupLine("[grey](issuesync is the CLI: dotnet run --project src/IssueSync.Cli -- <command>)[/]");
    }

    private void Say(DemoSettings settings, string markup)
    {
        if (!settings.Json)
        {
            Console.MarkupLine(markup);
        }
    }
}

/// <summary>The demo's result (also the <c>--json</c> output).</summary>
public sealed record DemoSummary(
    int Sent,
    int Created,
    int Failed,
    IReadOnlyDictionary<string, int> Failures,
    IReadOnlyList<DemoFailure> FailureDetails,
    int Retried,
    long RateLimited,
    long TokenRefreshes,
    long InvalidGrants,
    long JiraCalls,
    double JiraCallsPerCreatedIssue,
    double Seconds,
    bool AsExpected);

public sealed record DemoFailure(string ReasonCode, int Count, string? Sample);
