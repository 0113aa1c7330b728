using System.Globalization;
using IssueSync.Jira.Adf;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary><c>issuesync adf from-markdown &lt;file|-&gt;</c>: prints the ADF JSON for a Markdown description.</summary>
public sealed class FromMarkdownCommand(CliIo io) : AsyncCommand<FromMarkdownSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, FromMarkdownSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string markdown;
        try
        {
            markdown = settings.File is CliApp.StdinArgument or "-"
                ? await io.In.ReadToEndAsync(cancellationToken)
                : await File.ReadAllTextAsync(settings.File, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail($"file '{settings.File}' was not found.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read '{settings.File}': {ex.Message}");
        }

        var converter = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = settings.Truncate });
        var result = converter.Convert(markdown);
        if (!result.IsSuccess)
        {
            // Only length can be fixed by cutting; a description refused as too complex or too deep cannot.
            return Fail(result.Failure is AdfConversionFailure.TooLong or AdfConversionFailure.MarkdownTooLong
                ? $"{result.Error} Use --truncate to cut it to fit."
                : result.Error);
        }

        if (result.Truncated)
        {
            io.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"issuesync: description truncated to {result.SerializedLength:N0} characters; {result.OmittedCharacters:N0} characters of text omitted."));
        }

        await io.Out.WriteLineAsync(result.Document.ToJsonString(indented: !settings.Compact).AsMemory(), cancellationToken);
        await io.Out.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private int Fail(string message)
    {
        io.Error.WriteLine($"issuesync: {message}");
        return ExitCodes.InvalidInput;
    }
}
