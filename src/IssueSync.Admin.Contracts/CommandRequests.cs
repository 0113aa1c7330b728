using System.Text.Json;

namespace IssueSync.Admin.Contracts;

// What operators send about commands (docs/admin-api.md, "Commands"). Wherever a command id is taken, the full id,
// the idempotency key or a unique prefix of the id (at least 4 hex characters) is accepted.

/// <summary>The body of <c>POST /admin/commands/retry</c>: ids, or a filter (state Failed unless given).</summary>
public sealed record RetryFilter(IReadOnlyList<string>? Ids, string? Reason, string? Connection, string? State);

/// <summary>The body of <c>POST /admin/commands/{id}/discard</c>.</summary>
public sealed record DiscardRequest(string? Reason);

/// <summary>The body of <c>POST /admin/commands/{id}/fail</c>: an operator ends a command as failed.</summary>
public sealed record FailRequest(string? Reason);

/// <summary>
/// The body of <c>POST /admin/commands/{id}/resolve</c>, an operator's decision on an uncertain command: the key of
/// the issue that exists in Jira, or post it again.
/// </summary>
public sealed record ResolveRequest(string? IssueKey, bool PostAgain);

/// <summary>Edit-then-retry (<c>PUT /admin/commands/{id}</c>): only the fields present replace the command's values.</summary>
public sealed record CommandEdit
{
    public string? Site { get; init; }

    public string? ProjectKey { get; init; }

    public string? IssueType { get; init; }

    public string? Summary { get; init; }

    public string? DescriptionMarkdown { get; init; }

    public JsonElement? DescriptionAdf { get; init; }

    public string? Priority { get; init; }

    public IReadOnlyList<string>? Components { get; init; }

    public IReadOnlyList<string>? Labels { get; init; }

    public string? AssigneeAccountId { get; init; }

    public string? DueDate { get; init; }

    /// <summary>Merged into the command's custom fields; a JSON null removes one.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }
}
