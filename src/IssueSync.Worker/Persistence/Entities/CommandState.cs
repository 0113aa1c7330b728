namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// Where a command is in its life. Every transition between these states is a method of <see cref="IssueCommand"/>;
/// docs/architecture.md has the diagram.
/// </summary>
public enum CommandState
{
    /// <summary>Waiting to be worked on, now or at <c>NextAttemptAt</c>.</summary>
    Pending = 0,

    /// <summary>A replica holds the lease and is working on it.</summary>
    InProgress = 1,

    /// <summary>The issue exists in Jira. Terminal.</summary>
    Created = 2,

    /// <summary>Permanent failure with a reason: waits for an operator (retry, edit-then-retry or discard). Terminal.</summary>
    Failed = 3,

    /// <summary>Waiting for the connection (reauthorization, site choice); resumes by itself once it is active.</summary>
    Parked = 4,

    /// <summary>An operator discarded it, with a reason. Terminal.</summary>
    Discarded = 5,

    /// <summary>
    /// A create request may have created the issue. The worker looks the issue up on a widening schedule until it is
    /// found, its absence is certain, or an operator decides. Never answered as failed.
    /// </summary>
    Uncertain = 6,
}
