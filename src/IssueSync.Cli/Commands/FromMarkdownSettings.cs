using System.ComponentModel;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary>Arguments of <c>issuesync adf from-markdown</c>.</summary>
public sealed class FromMarkdownSettings : CommandSettings
{
    /// <summary>The Markdown file, or <c>-</c> for standard input.</summary>
    [CommandArgument(0, "<file>")]
    [Description("Markdown file to convert, or - to read standard input.")]
    public string File { get; init; } = "";

    /// <summary>Cut the document to Jira's limit instead of failing.</summary>
    [CommandOption("--truncate")]
    [Description("Over Jira's 32,767-character limit, cut the description and add a visible marker instead of failing.")]
    public bool Truncate { get; init; }

    /// <summary>Print compact JSON.</summary>
    [CommandOption("--compact")]
    [Description("Print compact JSON on one line (default: indented).")]
    public bool Compact { get; init; }
}
