using System.ComponentModel;
using Spectre.Console.Cli;

namespace IssueSync.Demo;

/// <summary>Options of <c>issuesync-demo</c>.</summary>
public sealed class DemoSettings : CommandSettings
{
    [CommandOption("--valid <COUNT>")]
    [Description("How many valid commands to send beside the invalid ones (default 40).")]
    [DefaultValue(40)]
    public int Valid { get; init; } = 40;

    [CommandOption("--keep-running")]
    [Description("Keep the worker and the simulator up after the summary, so the printed commands can be tried (Ctrl+C or SIGTERM ends).")]
    public bool KeepRunning { get; init; }

    [CommandOption("--json")]
    [Description("Print only the summary, as JSON.")]
    public bool Json { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Valid is < 1 or > 2000 ? Spectre.Console.ValidationResult.Error("--valid must be between 1 and 2000.") : Spectre.Console.ValidationResult.Success();
}
