namespace IssueSync.Jira.Metadata;

/// <summary>What can be created in one project: its issue types and, per issue type id, the create-screen fields.</summary>
public sealed record CreateMetadata
{
    /// <summary>The project key or id the metadata was read for.</summary>
    public required string ProjectIdOrKey { get; init; }

    /// <summary>The issue types the user can create in the project.</summary>
    public required IReadOnlyList<CreateMetaIssueType> IssueTypes { get; init; }

    /// <summary>The fields of each loaded issue type, keyed by issue type id.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<CreateMetaField>> FieldsByIssueTypeId { get; init; }

    /// <summary>The fields of an issue type, or null when they were not loaded.</summary>
    public IReadOnlyList<CreateMetaField>? FieldsFor(string issueTypeId) =>
        FieldsByIssueTypeId.TryGetValue(issueTypeId, out var fields) ? fields : null;
}
