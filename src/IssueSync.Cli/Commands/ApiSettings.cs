using System.ComponentModel;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary>The options every admin API command takes.</summary>
public class ApiSettings : CommandSettings
{
    /// <summary>The environment variable with the worker's URL.</summary>
    public const string UrlVariable = "ISSUESYNC_URL";

    /// <summary>The environment variable with the admin API key.</summary>
    public const string ApiKeyVariable = "ISSUESYNC_API_KEY";

    /// <summary>Used when neither <c>--url</c> nor <c>ISSUESYNC_URL</c> is set.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The worker's base URL.</summary>
    [CommandOption("--url <URL>")]
    [Description("The worker's base URL. Default: $ISSUESYNC_URL, else http://localhost:5080.")]
#pragma warning disable CA1056 // A command-line value: validated (absolute http/https) when the command runs.
    public string? Url { get; init; }
#pragma warning restore CA1056

    /// <summary>
    /// A file holding the admin API key (sent as <c>X-Api-Key</c>), or <c>-</c> for its first line on standard input.
    /// There is deliberately no option taking the key itself: a command line is visible in <c>ps</c> and shell history.
    /// </summary>
    [CommandOption("--api-key-file <PATH>")]
    [Description("Read the admin API key (X-Api-Key) from this file, or '-' for the first line of standard input. Default: $ISSUESYNC_API_KEY. Never printed.")]
    public string? ApiKeyFile { get; init; }

    /// <summary>The old <c>--api-key KEY</c>: refused with a sentence saying what to use instead, never sent.</summary>
    [CommandOption("--api-key <KEY>", IsHidden = true)]
    public string? ApiKeyOnCommandLine { get; init; }

    /// <summary>Print the server's JSON instead of tables.</summary>
    [CommandOption("--json")]
    [Description("Print the JSON result as the server sent it instead of tables (for scripts).")]
    public bool Json { get; init; }
}

/// <summary>Options of the commands that ask for confirmation.</summary>
public class ConfirmableSettings : ApiSettings
{
    /// <summary>Do not ask.</summary>
    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation (needed when input is not a terminal).")]
    public bool Yes { get; init; }
}
