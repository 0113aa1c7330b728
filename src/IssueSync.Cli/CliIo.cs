namespace IssueSync.Cli;

/// <summary>The process's standard streams, injectable so tests run commands in-process.</summary>
/// <remarks>Machine-readable output (JSON) goes to <see cref="Out"/> as plain text, not through Spectre's console, which would wrap lines.</remarks>
public sealed class CliIo(TextReader input, TextWriter output, TextWriter error)
{
    /// <summary>Standard input.</summary>
    public TextReader In { get; } = input;

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The real console streams.</summary>
    public static CliIo Console { get; } = new(System.Console.In, System.Console.Out, System.Console.Error);
}
