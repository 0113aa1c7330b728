namespace IssueSync.Jira.OAuth;

/// <summary>A site (container) the user granted the app, from <c>/oauth/token/accessible-resources</c>.</summary>
/// <param name="Id">The cloud id used in <c>/ex/jira/{cloudId}</c>.</param>
/// <param name="Name">The site name.</param>
/// <param name="Url">The site URL, e.g. <c>https://your-domain.atlassian.net</c>.</param>
/// <param name="Scopes">The scopes granted for this container.</param>
/// <param name="AvatarUrl">The site avatar, if any.</param>
public sealed record AccessibleResource(string Id, string Name, string Url, IReadOnlyList<string> Scopes, string? AvatarUrl);
