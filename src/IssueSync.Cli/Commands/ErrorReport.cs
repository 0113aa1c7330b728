using System.Net;
using System.Net.Sockets;
using IssueSync.Admin.Contracts;

namespace IssueSync.Cli.Commands;

/// <summary>Turns admin API and network failures into readable lines on standard error and an exit code.</summary>
internal static class ErrorReport
{
    public static int Write(TextWriter error, Exception exception, Uri baseUrl, string? apiKey)
    {
        var (code, lines) = Describe(exception, baseUrl);
        foreach (var line in lines)
        {
            error.WriteLine(Scrub(line, apiKey));
        }

        error.Flush();
        return code;
    }

    private static (int Code, List<string> Lines) Describe(Exception exception, Uri baseUrl)
    {
        switch (exception)
        {
            case AdminApiException api when (int)api.Status is >= 200 and < 300:
                return (ExitCodes.ServerFailure, [$"issuesync: {api.Message} (from {baseUrl})"]);

            case AdminApiException api:
                var lines = new List<string> { $"issuesync: {api.Message}" };
                foreach (var (field, messages) in api.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    foreach (var message in messages)
                    {
                        lines.Add(string.IsNullOrEmpty(field) ? $"  {message}" : $"  {field}: {message}");
                    }
                }

                if (api.Status is HttpStatusCode.Unauthorized)
                {
                    lines.Add($"  Check the API key (--api-key-file or {ApiSettings.ApiKeyVariable}).");
                }
                else if (api.Status is HttpStatusCode.Forbidden)
                {
                    lines.Add("  The API key is not allowed to do this.");
                }

                return (ExitCodes.ForStatus(api.Status), lines);

            case HttpRequestException http:
                var reason = http.InnerException is SocketException socket ? socket.Message : http.Message;
                return (ExitCodes.ServerFailure,
                    [$"issuesync: cannot reach the worker at {baseUrl}: {reason}", $"  Is it running? Set --url or {ApiSettings.UrlVariable}."]);

            case TaskCanceledException:
                return (ExitCodes.ServerFailure, [$"issuesync: the worker at {baseUrl} did not answer in time."]);

            default:
                return (ExitCodes.Internal, [$"issuesync: unexpected error: {exception.GetType().Name}: {exception.Message}"]);
        }
    }

    // Belt and braces: nothing we print should ever carry the key, even if a server echoed it.
    private static string Scrub(string line, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) || apiKey.Length < 8 ? line : line.Replace(apiKey, "***", StringComparison.Ordinal);
}
