namespace IssueSync.Cli;

/// <summary>The exit codes of <c>issuesync</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input was missing, unreadable or not acceptable (e.g. over Jira's size limit).</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line was wrong (unknown command, missing argument, bad option).</summary>
    public const int Usage = 2;

    /// <summary>An unexpected failure (a bug).</summary>
    public const int Internal = 70;
}
