using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using IssueSync.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Publishing;

/// <summary>Options of <c>publish</c>: one command from flags, or JSON Lines from <c>--file</c>.</summary>
public sealed class PublishSettings : IssueFieldSettings
{
    [CommandOption("-f|--file <PATH>")]
    [Description("JSON Lines: one CreateIssue JSON object per line (- for standard input). Bad lines are reported and not sent.")]
    public string? File { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("With --file: commands per request (1 to 1000).")]
    [DefaultValue(100)]
    public int BatchSize { get; init; } = 100;

    [CommandOption("--dry-run")]
    [Description("Check the commands and send nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("Idempotency key (default: a new cli-<guid>, printed).")]
    public string? Key { get; init; }

    [CommandOption("--connection <NAME>")]
    [Description("The connection to act as (required without --file).")]
    public string? Connection { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("Issue type by name or id (required without --file).")]
    public string? Type { get; init; }

    [CommandOption("--correlation-id <ID>")]
    [Description("Echoed on the result events.")]
    public string? CorrelationId { get; init; }

    [CommandOption("--external-reference <REF>")]
    [Description("Your reference (an alert id, a URL); echoed on the result events.")]
    public string? ExternalReference { get; init; }

    public override ValidationResult Validate()
    {
        if (File is not null)
        {
            var flags = new (string Name, bool Given)[]
            {
                ("--key", Key is not null), ("--connection", Connection is not null), ("--type", Type is not null),
                ("--correlation-id", CorrelationId is not null), ("--external-reference", ExternalReference is not null),
            };
            var given = flags.Concat(FieldFlags()).Where(f => f.Given).Select(f => f.Name).ToList();
            if (given.Count > 0)
            {
                return ValidationResult.Error($"--file takes the commands from the file; drop {string.Join(", ", given)}.");
            }

            return BatchSize is < 1 or > 1000 ? ValidationResult.Error("--batch-size is 1 to 1000.") : ValidationResult.Success();
        }

        var missing = new[] { ("--connection", Connection), ("--project", Project), ("--type", Type), ("--summary", Summary) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return ValidationResult.Error($"Missing {string.Join(", ", missing)} (or give --file with JSON Lines).");
        }

        return ValidateFields();
    }
}

/// <summary><c>issuesync publish</c>: sends CreateIssue commands through <c>POST /admin/commands</c>, as a producer would.</summary>
public sealed class PublishCommand(CliServices services) : ApiCommand<PublishSettings>(services)
{
    protected override Task<int> ExecuteAsync(AdminApiClient api, PublishSettings settings, CancellationToken cancellationToken) =>
        settings.File is null ? PublishOneAsync(api, settings, cancellationToken) : PublishFileAsync(api, settings, cancellationToken);

    private async Task<int> PublishOneAsync(AdminApiClient api, PublishSettings settings, CancellationToken cancellationToken)
    {
        var values = await settings.ReadValuesAsync(cancellationToken);
        if (values.Error is { } error)
        {
            return Error(values.ExitCode!.Value, error);
        }

        var command = new CreateIssue
        {
            IdempotencyKey = settings.Key ?? $"cli-{Guid.NewGuid():N}",
            ConnectionId = settings.Connection!,
            ProjectKey = settings.Project!,
            IssueType = settings.Type!,
            Summary = settings.Summary!,
            DescriptionMarkdown = values.DescriptionMarkdown,
            Priority = settings.Priority,
            Components = values.Components,
            Labels = values.Labels,
            AssigneeAccountId = settings.Assignee,
            DueDate = settings.Due,
            CustomFields = values.CustomFields,
            Site = settings.Site,
            CorrelationId = settings.CorrelationId,
            ExternalReference = settings.ExternalReference,
        };

        var problems = CommandChecks.Check(command);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Services.Io.Error.WriteLine($"issuesync: {problem}");
            }

            return ExitCodes.InvalidInput;
        }

        if (settings.DryRun)
        {
            WriteJson(command);
            return ExitCodes.Success;
        }

        var response = await api.PublishAsync(command, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"command [bold]{Markup.Escape(command.IdempotencyKey)}[/] accepted (connection {Markup.Escape(command.ConnectionId)}, project {Markup.Escape(command.ProjectKey)})");
        WriteHint("Follow it:", $"issuesync commands show {Show.Arg(command.IdempotencyKey)}");
        return ExitCodes.Success;
    }

    private async Task<int> PublishFileAsync(AdminApiClient api, PublishSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.File!;
        var fromStdin = path is CliApp.StdinArgument or "-";
        string text;
        try
        {
            text = fromStdin ? await Services.Io.In.ReadToEndAsync(cancellationToken) : await System.IO.File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Error(ExitCodes.InvalidInput, $"file '{path}' was not found.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error(ExitCodes.InvalidInput, $"cannot read '{path}': {ex.Message}");
        }

        var good = new List<(int Line, JsonElement Command)>();
        var bad = new List<BadLine>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var problems = CommandChecks.CheckLine(line, out var command);
            if (problems.Count == 0)
            {
                good.Add((i + 1, command));
            }
            else
            {
                bad.Add(new BadLine(i + 1, string.Join("; ", problems)));
            }
        }

        var source = fromStdin ? "standard input" : path;
        foreach (var line in bad)
        {
            Services.Io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issuesync: {source}:{line.Line}: {line.Error}"));
        }

        var sent = 0;
        if (!settings.DryRun && good.Count > 0)
        {
            var batches = good.Chunk(settings.BatchSize).ToList();
            if (Services.ProgressEnabled && !settings.Json)
            {
                await Console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"publishing {Show.Count(good.Count, "command")}", maxValue: good.Count);
                        sent = await SendAsync(api, batches, good.Count, task.Increment, cancellationToken);
                    });
            }
            else
            {
                sent = await SendAsync(api, batches, good.Count, _ => { }, cancellationToken);
            }
        }

        var exitCode = bad.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        if (settings.Json)
        {
            WriteJson(new PublishSummary(sent, bad.Count, good.Count, settings.DryRun, bad));
            return exitCode;
        }

        var skipped = Show.Count(bad.Count, "bad line");
        if (settings.DryRun)
        {
            Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Show.Count(good.Count, "valid command")}, {skipped}; nothing sent (--dry-run)"));
        }
        else
        {
            Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent}, skipped {skipped}"));
            if (sent > 0)
            {
                WriteHint("Follow them:", "issuesync commands list --since 10m");
            }
        }

        return exitCode;
    }

    private async Task<int> SendAsync(
        AdminApiClient api, List<(int Line, JsonElement Command)[]> batches, int total, Action<double> progress, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var batch in batches)
        {
            try
            {
                await api.PublishBatchAsync([.. batch.Select(b => b.Command)], cancellationToken);
            }
            catch (Exception ex) when (ex is AdminApiException or HttpRequestException)
            {
                Services.Io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"issuesync: stopped after sending {sent} of {total} commands; the commands from line {batch[0].Line} on were not sent. Sending the file again is safe: repeated idempotency keys are answered from the ledger."));
                throw;
            }

            sent += batch.Length;
            progress(batch.Length);
        }

        return sent;
    }

    private sealed record BadLine(int Line, string Error);

    private sealed record PublishSummary(int Sent, int Skipped, int Valid, bool DryRun, IReadOnlyList<BadLine> BadLines);
}
