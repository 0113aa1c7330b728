namespace IssueSync.Contracts;

/// <summary>The issue of a <see cref="CreateIssue"/> command exists in Jira. Published at least once per command.</summary>
public sealed record IssueCreated
{
    /// <summary>The key of the command this answers.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The connection the issue was created as.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The Jira site (cloud id) the issue lives on.</summary>
    public required string CloudId { get; init; }

    /// <summary>The Jira issue key, for example <c>OPS-42</c>.</summary>
    public required string IssueKey { get; init; }

    /// <summary>Jira's numeric issue id.</summary>
    public required string IssueId { get; init; }

    /// <summary>The issue's browse URL on the Jira site, when the site URL is known.</summary>
    public string? IssueUrl { get; init; }

    /// <summary>Copied from the command.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Copied from the command.</summary>
    public string? ExternalReference { get; init; }

    /// <summary>When IssueSync recorded the issue as created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when this answers a repeated delivery of a command that had already created its issue.</summary>
    public bool AlreadyExisted { get; init; }
}
