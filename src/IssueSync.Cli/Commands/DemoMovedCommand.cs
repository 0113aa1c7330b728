using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary><c>issuesync demo</c> (hidden): the demo is its own tool now, because it runs a worker and this CLI does not contain one.</summary>
public sealed class DemoMovedCommand(CliServices services) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        services.Io.Error.WriteLine("issuesync: the demo is a tool of its own: run 'dotnet run --project src/IssueSync.Demo' (issuesync-demo); it takes the same options.");
        return ExitCodes.Usage;
    }
}
