namespace IssueSync.Worker.Persistence.Entities;

/// <summary>A replica that is alive: each one writes its row every few seconds, so a site's rate can be shared out.</summary>
public sealed class ReplicaHeartbeat
{
    public const int MaxNameLength = 200;

    public required string Name { get; set; }

    public DateTime LastSeenAt { get; set; }
}
