namespace IssueSync.Worker.Persistence.Entities;

/// <summary>
/// Create metadata of one (site, Atlassian account, project, issue type), shared by all replicas, refreshed after its
/// TTL. Per account: Jira answers createmeta by the user's permissions and screens.
/// </summary>
public sealed class CreateMetadataCacheEntry
{
    public const int MaxAccountLength = 128;

    public required string CloudId { get; set; }

    /// <summary>The Atlassian account id of the connection (or <c>connection:{id}</c> when unknown).</summary>
    public required string AccountId { get; set; }

    public required string ProjectKey { get; set; }

    /// <summary>The issue type id, or <c>*</c> for the project's list of issue types.</summary>
    public required string IssueTypeId { get; set; }

    public required string PayloadJson { get; set; }

    public DateTime FetchedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
