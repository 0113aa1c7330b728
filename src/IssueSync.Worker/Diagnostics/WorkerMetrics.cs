using System.Diagnostics.Metrics;

namespace IssueSync.Worker.Diagnostics;

/// <summary>IssueSync's own OpenTelemetry metrics (meter <c>IssueSync.Worker</c>), beside MassTransit's.</summary>
public sealed class WorkerMetrics
{
    public const string MeterName = "IssueSync.Worker";

    private readonly Counter<long> _issuesCreated;
    private readonly Counter<long> _issuesFailed;
    private readonly Counter<long> _jiraRequests;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Counter<long> _metadataLookups;
    private readonly Counter<long> _dedupeLookups;
    private readonly Counter<long> _rejectedMessages;
    private readonly Counter<long> _retriesScheduled;
    private readonly Histogram<double> _publishToIssue;

    public WorkerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _issuesCreated = meter.CreateCounter<long>("issuesync.issues.created", description: "Jira issues created");
        _issuesFailed = meter.CreateCounter<long>("issuesync.issues.failed", description: "Commands recorded as failed, by reason");
        _jiraRequests = meter.CreateCounter<long>("issuesync.jira.requests", description: "HTTP requests to Atlassian, by endpoint, status and RateLimit-Reason");
        _tokenRefreshes = meter.CreateCounter<long>("issuesync.tokens.refreshes", description: "Access token refreshes, by outcome (success, invalid_grant, …)");
        _metadataLookups = meter.CreateCounter<long>("issuesync.metadata.lookups", description: "Create-metadata lookups, by source (memory, database, jira)");
        _dedupeLookups = meter.CreateCounter<long>("issuesync.dedupe.lookups", description: "JQL lookups after an unknown outcome, by result");
        _rejectedMessages = meter.CreateCounter<long>("issuesync.messages.rejected", description: "Messages rejected before the ledger, by reason");
        _retriesScheduled = meter.CreateCounter<long>("issuesync.retries.scheduled", description: "Durable retries scheduled, by reason");
        _publishToIssue = meter.CreateHistogram<double>("issuesync.issues.latency", unit: "s", description: "Time from the producer sending a command to its issue existing");
    }

    public void IssueCreated(string connection, TimeSpan sinceSent)
    {
        _issuesCreated.Add(1, new KeyValuePair<string, object?>("connection", connection));
        _publishToIssue.Record(sinceSent.TotalSeconds);
    }

    public void IssueFailed(string reason) => _issuesFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void JiraRequest(string endpoint, int status, string? rateLimitReason) => _jiraRequests.Add(1,
        new KeyValuePair<string, object?>("endpoint", endpoint),
        new KeyValuePair<string, object?>("status", status),
        new KeyValuePair<string, object?>("rate_limit_reason", rateLimitReason ?? ""));

    public void TokenRefreshed(string connection, string outcome) => _tokenRefreshes.Add(1,
        new KeyValuePair<string, object?>("connection", connection),
        new KeyValuePair<string, object?>("outcome", outcome));

    public void MetadataLookup(string source) => _metadataLookups.Add(1, new KeyValuePair<string, object?>("source", source));

    public void DedupeLookup(string result) => _dedupeLookups.Add(1, new KeyValuePair<string, object?>("result", result));

    public void MessageRejected(string reason) => _rejectedMessages.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RetryScheduled(string reason) => _retriesScheduled.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
