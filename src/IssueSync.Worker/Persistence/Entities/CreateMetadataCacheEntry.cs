namespace IssueSync.Worker.Persistence.Entities;

/// <summary>Create metadata of one (site, project, issue type), shared by all replicas, refreshed after its TTL.</summary>
public sealed class CreateMetadataCacheEntry
{
    public required string CloudId { get; set; }

    public required string ProjectKey { get; set; }

    /// <summary>The issue type id, or <c>*</c> for the project's list of issue types.</summary>
    public required string IssueTypeId { get; set; }

    public required string PayloadJson { get; set; }

    public DateTime FetchedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
