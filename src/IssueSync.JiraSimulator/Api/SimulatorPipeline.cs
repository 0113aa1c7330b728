using System.Globalization;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.RateLimiting;
using IssueSync.JiraSimulator.State;

namespace IssueSync.JiraSimulator.Api;

/// <summary>What every non-admin request goes through: latency, injected faults, lost responses, stats.</summary>
internal static class SimulatorPipeline
{
    public static string BaseUrl(HttpContext http, SimulatorState state) =>
        state.Options.PublicBaseUrl is { } configured
            ? configured.ToString().TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    public static async Task DelayAsync(SimulatorState state, string endpoint, CancellationToken ct)
    {
        var latency = state.Faults.NextLatency(endpoint);
        if (latency > TimeSpan.Zero)
        {
            // Wall-clock latency on purpose: it is what the client experiences, whatever the simulator's clock.
            await Task.Delay(latency, ct);
        }
    }

    public static SimResponse? InjectedFault(SimulatorState state, string endpoint)
    {
        if (state.Faults.BeforeHandler(endpoint) is not { } fault)
        {
            return null;
        }

        if (fault.Status == 503)
        {
            state.Stats.Fault("service-unavailable");
            var response = SimResponse.Errors(503, ["Service Unavailable"]);
            response.Headers["Retry-After"] = (fault.RetryAfterSeconds ?? 0).ToString(CultureInfo.InvariantCulture);
            return response;
        }

        state.Stats.Fault("server-error");
        return SimResponse.Errors(fault.Status, ["Internal server error"]);
    }

    public static SimResponse RateLimited(SimulatorState state, RateLimitDecision decision)
    {
        state.Stats.Throttled(decision.Reason);
        var response = SimResponse.Errors(429, ["Rate limit exceeded."]);
        response.Headers["Retry-After"] = ((int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reason"] = decision.Reason;
        response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = ResetHeader(decision.ResetAt);
        if (decision.Policy is not null)
        {
            response.Headers["RateLimit-Policy"] = decision.Policy;
        }

        return response;
    }

    /// <summary>Atlassian's format, <c>yyyy-MM-ddTHH:mmZ</c>, rounded up to the next minute.</summary>
    public static string ResetHeader(DateTimeOffset resetAt)
    {
        var utc = resetAt.ToUniversalTime();
        var minute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        if (minute < utc)
        {
            minute = minute.AddMinutes(1);
        }

        return minute.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the response, or loses it (504 or aborted connection) when a lost-response fault hits.</summary>
    public static async Task WriteAsync(HttpContext http, SimulatorState state, string endpoint, SimResponse response)
    {
        if (response.IsSuccess && state.Faults.AfterSuccess(endpoint) is { } mode)
        {
            state.Stats.Fault("lost-response");
            if (mode == LostResponseMode.Abort)
            {
                state.Stats.Request(endpoint, "aborted");
                http.Abort();
                return;
            }

            response = SimResponse.JsonBody(504, new { code = 504, message = "Gateway Timeout" });
        }

        state.Stats.Request(endpoint, response.Status);
        await response.WriteAsync(http);
    }
}
