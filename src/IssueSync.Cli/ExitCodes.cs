using System.Net;

namespace IssueSync.Cli;

/// <summary>The exit codes of <c>issuesync</c> (README.md, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The input was missing, unreadable or not acceptable (a 400 from the admin API, a bad JSON line, a declined confirmation).</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line was wrong (unknown command, missing argument, bad option).</summary>
    public const int Usage = 2;

    /// <summary>The connection, command or message does not exist (404).</summary>
    public const int NotFound = 3;

    /// <summary>The request conflicts with the current state (409), e.g. retrying a command that has not failed.</summary>
    public const int Conflict = 4;

    /// <summary>The API key is missing or wrong (401), or not allowed (403).</summary>
    public const int Authentication = 5;

    /// <summary>The worker failed (5xx), answered something unreadable, or could not be reached (refused, DNS, timeout).</summary>
    public const int ServerFailure = 6;

    /// <summary>An unexpected failure (a bug).</summary>
    public const int Internal = 70;

    /// <summary>The exit code for an error answer of the admin API.</summary>
    public static int ForStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => Authentication,
        404 => NotFound,
        409 => Conflict,
        408 or 429 => ServerFailure,
        >= 400 and < 500 => InvalidInput,
        _ => ServerFailure,
    };
}
