namespace IssueSync.Contracts;

/// <summary>
/// The command cannot succeed as it stands: it is recorded as failed with the reason and waits for an operator
/// (retry, edit then retry, or discard). IssueSync does not retry it by itself.
/// </summary>
public sealed record IssueCreationFailed
{
    /// <summary>The key of the command this answers.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The connection of the command, when it could be read.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>One of <see cref="FailureReasons"/>.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>What went wrong, in plain words.</summary>
    public required string Message { get; init; }

    /// <summary>Per-field problems, from IssueSync's validation or from Jira.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    /// <summary>Copied from the command.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Copied from the command.</summary>
    public string? ExternalReference { get; init; }

    /// <summary>When the command was recorded as failed.</summary>
    public required DateTimeOffset FailedAt { get; init; }
}

/// <summary>A problem with one field, named as Jira names it (<c>summary</c>, <c>customfield_10050</c>).</summary>
/// <param name="Field">The field id.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record FieldError(string Field, string Message);
