using System.Globalization;
using System.Text.Json;
using IssueSync.Jira.Http;

namespace IssueSync.Jira.Errors;

/// <summary>Maps a Jira response or transport failure to a <see cref="JiraError"/>.</summary>
internal static class JiraErrorClassifier
{
    private const string TooLongText = "The entered text is too long";
    private const string NotAdfText = "Operation value must be an Atlassian Document";

    public static JiraError FromTransport(TransportFailure failure, string operation, bool isCreate)
    {
        // A POST that never left the machine is safe to repeat; anything later may have created the issue.
        if (isCreate && failure.Kind != TransportFailureKind.NotSent)
        {
            return new JiraError
            {
                Kind = JiraErrorKind.UnknownOutcome,
                Message = $"{operation}: {failure.Message}. The issue may or may not have been created; look it up by its dedupe label before retrying.",
            };
        }

        return new JiraError { Kind = JiraErrorKind.Transient, Message = $"{operation}: {failure.Message}." };
    }

    public static JiraError FromReply(HttpReply reply, string operation, bool isCreate, DateTimeOffset now)
    {
        var status = reply.StatusCode;
        var json = JsonRead.Parse(reply.Body);
        var (fieldErrors, errorMessages, isErrorCollection) = ReadErrorCollection(json);
        var gatewayMessage = json is { } g ? JsonRead.String(g, "message") : null;
        var retryAfter = RetryAfter.Parse(reply.Headers, now);
        var summary = Summarise(fieldErrors, errorMessages, gatewayMessage, reply.Body, isErrorCollection);

        JiraError Error(JiraErrorKind kind, string message) => new()
        {
            Kind = kind,
            StatusCode = status,
            Message = message,
            FieldErrors = fieldErrors,
            ErrorMessages = errorMessages,
            RetryAfter = retryAfter,
        };

        switch (status)
        {
            case 429:
                var reason = reply.Header("RateLimit-Reason");
                var resetAt = RetryAfter.ParseReset(reply.Header("X-RateLimit-Reset"));
                var wait = retryAfter is { } r ? $" Retry after {r.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s." : "";
                var reset = resetAt is { } at ? $" The limit resets at {at.ToString("u", CultureInfo.InvariantCulture)}." : "";
                return Error(JiraErrorKind.RateLimited, $"{operation}: Jira rate limit hit (429{(reason is null ? "" : ", " + reason)}).{wait}{reset}") with
                {
                    RateLimitReason = reason,
                    RateLimitResetAt = resetAt,
                    RateLimitLimit = double.TryParse(reply.Header("X-RateLimit-Limit"), NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) && limit > 0
                        ? limit : null,
                };
            case 401:
                return Error(JiraErrorKind.Unauthorized, $"{operation}: Jira rejected the access token (401){Suffix(summary)}. Refresh the token and try once more.");
            case 403:
                return Error(JiraErrorKind.PermissionDenied, $"{operation}: the user lacks the Jira permission for this (403){Suffix(summary)}.");
            case 404 when isErrorCollection:
                return Error(JiraErrorKind.NotFound, $"{operation}: not found, or not visible to the user (404){Suffix(summary)}.");
            case 404:
                // Jira answers 404 with an ErrorCollection; anything else came from the gateway, which does not know the cloud id.
                return Error(JiraErrorKind.SiteNotFound, $"{operation}: the Jira site (cloud id) is unknown or no longer granted (404){Suffix(summary)}. Re-read the accessible sites.");
            case 400 or 413 or 422:
                return FromBadRequest(Error, operation, fieldErrors, errorMessages, summary);
            case >= 500 when isCreate:
                return Error(JiraErrorKind.UnknownOutcome, $"{operation}: Jira answered {status} after the request was sent{Suffix(summary)}. The issue may or may not have been created; look it up by its dedupe label before retrying.");
            case >= 500:
                return Error(JiraErrorKind.Transient, $"{operation}: Jira is unavailable ({status}){Suffix(summary)}.");
            default:
                return Error(JiraErrorKind.Unexpected, $"{operation}: Jira answered {status}{Suffix(summary)}.");
        }
    }

    private static JiraError FromBadRequest(
        Func<JiraErrorKind, string, JiraError> error, string operation, IReadOnlyDictionary<string, string> fieldErrors, IReadOnlyList<string> errorMessages, string summary)
    {
        var all = fieldErrors.Values.Concat(errorMessages).ToList();
        if (all.Any(m => m.Contains(TooLongText, StringComparison.OrdinalIgnoreCase)))
        {
            return error(JiraErrorKind.TextTooLong, $"{operation}: a text field is too long for Jira{Suffix(summary)}.");
        }

        if (errorMessages.Any(m => m.Contains("INVALID_INPUT", StringComparison.Ordinal))
            || fieldErrors.Values.Any(m => m.Contains(NotAdfText, StringComparison.OrdinalIgnoreCase)))
        {
            return error(JiraErrorKind.InvalidAdf, $"{operation}: Jira rejected the document format (ADF) of the description or a multi-line field{Suffix(summary)}.");
        }

        return error(JiraErrorKind.Validation, $"{operation}: Jira rejected the request{Suffix(summary)}.");
    }

    private static (IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> Messages, bool IsErrorCollection) ReadErrorCollection(JsonElement? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<string>();
        if (json is not { ValueKind: JsonValueKind.Object } root)
        {
            return (fields, messages, false);
        }

        var isCollection = false;
        if (JsonRead.Property(root, "errors") is { ValueKind: JsonValueKind.Object } errors)
        {
            isCollection = true;
            foreach (var property in errors.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
            }
        }

        if (JsonRead.Property(root, "errorMessages") is { ValueKind: JsonValueKind.Array })
        {
            isCollection = true;
            messages.AddRange(JsonRead.Strings(root, "errorMessages"));
        }

        return (fields, messages, isCollection);
    }

    private static string Summarise(
        IReadOnlyDictionary<string, string> fields, IReadOnlyList<string> messages, string? gatewayMessage, string body, bool isErrorCollection)
    {
        var parts = messages.Concat(fields.Select(f => $"{f.Key}: {f.Value}")).ToList();
        if (parts.Count > 0)
        {
            return string.Join("; ", parts);
        }

        if (gatewayMessage is not null)
        {
            return gatewayMessage;
        }

        if (isErrorCollection || string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        var trimmed = body.Trim();
        return trimmed.StartsWith('<') ? "(an HTML page)" : Redactor.Redact(trimmed);
    }

    private static string Suffix(string summary) => summary.Length == 0 ? "" : $": {summary}";
}
