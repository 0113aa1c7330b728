using System.Diagnostics.CodeAnalysis;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Metadata;

namespace IssueSync.Worker.Metadata;

/// <summary>Create metadata, and whether it was just fetched from Jira (then a 400 cannot be blamed on the cache).</summary>
public sealed record MetadataLookup(CreateMetadata? Metadata, bool Fresh, JiraError? Error)
{
    [MemberNotNullWhen(true, nameof(Metadata))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsFound => Metadata is not null;

    public static MetadataLookup Found(CreateMetadata metadata, bool fresh) => new(metadata, fresh, null);

    public static MetadataLookup Failed(JiraError error) => new(null, false, error);
}
