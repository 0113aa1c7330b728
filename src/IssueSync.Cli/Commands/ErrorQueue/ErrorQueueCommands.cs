using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.ErrorQueue;

/// <summary>Options of <c>error-queue list</c>.</summary>
public sealed class ErrorQueueListSettings : ApiSettings
{
    [CommandOption("--limit <N>")]
    [Description("At most this many messages (1 to 500).")]
    [DefaultValue(50)]
    public int Limit { get; init; } = 50;

    public override ValidationResult Validate() =>
        Limit is < 1 or > 500 ? ValidationResult.Error("--limit is 1 to 500.") : ValidationResult.Success();
}

/// <summary>Options of <c>error-queue redrive</c>: exactly one of --id, --exception-type, --all.</summary>
public sealed class ErrorQueueRedriveSettings : ConfirmableSettings
{
    [CommandOption("--id <MESSAGE_ID>")]
    [Description("A message id (repeatable).")]
    public string[]? Ids { get; init; }

    [CommandOption("--exception-type <TYPE>")]
    [Description("Every message that faulted with this exception type (e.g. System.InvalidOperationException).")]
    public string? ExceptionType { get; init; }

    [CommandOption("--all")]
    [Description("Every message in the error queue.")]
    public bool All { get; init; }

    public override ValidationResult Validate()
    {
        var modes = (Ids is { Length: > 0 } ? 1 : 0) + (ExceptionType is not null ? 1 : 0) + (All ? 1 : 0);
        return modes == 1 ? ValidationResult.Success() : ValidationResult.Error("Give exactly one of --id (repeatable), --exception-type or --all.");
    }
}

/// <summary><c>issuesync error-queue list</c>: MassTransit's <c>_error</c> queue, read without removing anything.</summary>
public sealed class ErrorQueueListCommand(CliServices services) : ApiCommand<ErrorQueueListSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ErrorQueueListSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ListErrorQueueAsync(settings.Limit, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        if (response.Value.Count == 0)
        {
            Console.MarkupLine("[green]The error queue is empty.[/]");
            return ExitCodes.Success;
        }

        var table = Show.Table("MESSAGE ID", "AGE", "EXCEPTION", "MESSAGE", "TYPE", "BYTES");
        foreach (var message in response.Value)
        {
            var faulted = DateTimeOffset.TryParse(message.FaultTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            table.AddRow(
                Show.Text(message.MessageId),
                Show.Age(faulted, Now),
                Show.Text(ShortType(message.ExceptionType)),
                Show.Text(message.ExceptionMessage ?? message.Reason, 80),
                Show.Text(ShortType(message.MessageType), 40),
                message.BodyLength.ToString(CultureInfo.InvariantCulture));
        }

        Console.Write(table);
        Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{Show.Count(response.Value.Count, "message")} shown (at most {settings.Limit})[/]"));
        WriteHint("Send one back to the input queue:", "issuesync error-queue redrive --id <message id>");
        WriteHint("Send back all of one exception:   ", "issuesync error-queue redrive --exception-type <type>");
        return ExitCodes.Success;
    }

    // "System.InvalidOperationException" reads as "InvalidOperationException"; "urn:message:A.B:C" as "C".
    private static string? ShortType(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return type;
        }

        var cut = type.LastIndexOfAny(['.', ':']);
        return cut >= 0 && cut < type.Length - 1 ? type[(cut + 1)..] : type;
    }
}

/// <summary><c>issuesync error-queue redrive --id X… | --exception-type T | --all</c>.</summary>
public sealed class ErrorQueueRedriveCommand(CliServices services) : ApiCommand<ErrorQueueRedriveSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ErrorQueueRedriveSettings settings, CancellationToken cancellationToken)
    {
        RedriveRequest request;
        if (settings.Ids is { Length: > 0 } ids)
        {
            request = new RedriveRequest(ids, null, All: false);
        }
        else
        {
            var what = settings.All ? "every message in the error queue" : $"every message of the error queue that faulted with {settings.ExceptionType}";
            if (await ConfirmAsync($"Send {what} back to the input queue?", settings.Yes, cancellationToken) is { } declined)
            {
                return declined;
            }

            request = new RedriveRequest(null, settings.All ? null : settings.ExceptionType, settings.All);
        }

        var response = await api.RedriveErrorQueueAsync(request, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"redriven {Show.Count(response.Value.Redriven, "message")}; {response.Value.Remaining} remaining in the error queue"));
        return ExitCodes.Success;
    }
}
