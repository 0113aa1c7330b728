using System.Globalization;
using System.Net.Http.Headers;

namespace IssueSync.Jira.Http;

/// <summary>Reads Retry-After (seconds or HTTP-date) and X-RateLimit-Reset (ISO 8601).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value is null)
        {
            return null;
        }

        if (value.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static DateTimeOffset? ParseReset(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var reset)
            ? reset
            : null;
    }
}
