using System.Text.Json;

namespace IssueSync.JiraSimulator.Issues;

/// <summary>An issue created through the simulator (immutable).</summary>
public sealed record SimulatedIssue
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required string CloudId { get; init; }

    public required string ProjectId { get; init; }

    public required string ProjectKey { get; init; }

    public required string IssueTypeId { get; init; }

    public required string Summary { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The <c>fields</c> object as Jira returns it (GET issue, search).</summary>
    public required JsonElement Fields { get; init; }

    /// <summary>The <c>fields</c> object exactly as the client sent it.</summary>
    public required JsonElement SubmittedFields { get; init; }

    /// <summary>Entity properties set at creation (<c>properties</c> array).</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the issue becomes visible to JQL search (created + SearchIndexDelay).</summary>
    public required DateTimeOffset IndexedAt { get; init; }

    /// <summary>The number in the key (OPS-<b>7</b>).</summary>
    public required int Number { get; init; }
}
