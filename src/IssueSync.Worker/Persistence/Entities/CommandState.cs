namespace IssueSync.Worker.Persistence.Entities;

public enum CommandState
{
    /// <summary>Recorded, waiting to be worked on (now or at <c>NextAttemptAt</c>).</summary>
    Pending = 0,

    /// <summary>A replica holds the lease and is creating the issue.</summary>
    InProgress = 1,

    Created = 2,

    /// <summary>Permanent failure: needs an operator (retry, edit-then-retry or discard).</summary>
    Failed = 3,

    /// <summary>Waiting for the connection to be reauthorized; resumes by itself after reconnect.</summary>
    Parked = 4,

    /// <summary>An operator discarded it, with a reason.</summary>
    Discarded = 5,
}
