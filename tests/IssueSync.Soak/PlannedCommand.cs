using IssueSync.Contracts;

namespace IssueSync.Soak;

/// <summary>One command of the plan and what must become of it.</summary>
/// <param name="Key">The idempotency key; it also stands in the summary as the marker <c>[key]</c> that finds its issue.</param>
/// <param name="Command">The command as published.</param>
/// <param name="Site">The site its issue must be created on.</param>
/// <param name="Invalid">Null for a valid command; otherwise the mistake and the field its failure must name.</param>
/// <param name="Doubled">The plan publishes it a second time.</param>
public sealed record PlannedCommand(string Key, CreateIssue Command, SoakSite Site, InvalidKind? Invalid, bool Doubled)
{
    public bool IsValid => Invalid is null;

    public string Describe() => Invalid is { } invalid
        ? $"invalid ({invalid.Name}: must fail naming '{invalid.Field}')"
        : $"valid ({Command.ConnectionId} → {Command.ProjectKey} {Command.IssueType} on {Site.Url})";

    public static string Marker(string key) => $"[{key}]";
}

/// <summary>A way of getting a command wrong, and the field the failure must name.</summary>
public sealed record InvalidKind(string Name, string Field);
