using System.Text.Json;

namespace IssueSync.Contracts;

/// <summary>
/// Asks IssueSync to create one Jira issue on behalf of a connected Atlassian user. Publish it (or send it to the
/// worker's input queue); the worker answers with <see cref="IssueCreated"/> or <see cref="IssueCreationFailed"/>.
/// Delivering the same command twice, or retrying it, never creates a second issue: the
/// <see cref="IdempotencyKey"/> decides.
/// </summary>
public sealed record CreateIssue
{
    /// <summary>
    /// Your unique key for this issue (for example <c>alert-7f3c…</c>), at most 200 characters. A repeated key
    /// with the same content is answered from the ledger; a repeated key with different content is rejected.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The IssueSync connection (one connected Atlassian account) to act as.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>
    /// Optional: the Jira site as a cloud id or a site URL (<c>https://acme.atlassian.net</c>). It must be one
    /// the connection can reach. When absent, the site chosen for the connection is used.
    /// </summary>
    public string? Site { get; init; }

    /// <summary>The project key, for example <c>OPS</c>.</summary>
    public required string ProjectKey { get; init; }

    /// <summary>The issue type by name (<c>Bug</c>) or id, resolved within the project.</summary>
    public required string IssueType { get; init; }

    /// <summary>One line, at most 255 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>The description as Markdown (converted to ADF). Give this or <see cref="DescriptionAdf"/>, not both.</summary>
    public string? DescriptionMarkdown { get; init; }

    /// <summary>The description as an Atlassian Document Format document, validated strictly before sending.</summary>
    public JsonElement? DescriptionAdf { get; init; }

    /// <summary>Priority by name (<c>High</c>) or id.</summary>
    public string? Priority { get; init; }

    /// <summary>Component names or ids (company-managed projects only).</summary>
    public IReadOnlyList<string>? Components { get; init; }

    /// <summary>Labels; a label may not contain whitespace.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The Atlassian account id of the assignee.</summary>
    public string? AssigneeAccountId { get; init; }

    /// <summary>Due date as <c>yyyy-MM-dd</c>.</summary>
    public string? DueDate { get; init; }

    /// <summary>Custom field values keyed by field id (<c>customfield_10050</c>): an option name, an id, a number, a list.</summary>
    public IReadOnlyDictionary<string, JsonElement>? CustomFields { get; init; }

    /// <summary>Echoed on the result events so you can match them to your own records.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Your reference for the thing this issue is about (an alert id, a ticket URL); echoed on the result events.</summary>
    public string? ExternalReference { get; init; }
}
