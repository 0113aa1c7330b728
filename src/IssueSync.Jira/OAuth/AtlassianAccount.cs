namespace IssueSync.Jira.OAuth;

/// <summary>The Atlassian account an access token acts for, from <c>GET https://api.atlassian.com/me</c> (scope <c>read:me</c>).</summary>
/// <param name="AccountId">The account id, stable across every Atlassian product and site.</param>
/// <param name="Name">The account's display name (may be empty, depending on the user's profile visibility).</param>
/// <param name="Email">The account's email address, when the profile shows it.</param>
public sealed record AtlassianAccount(string AccountId, string Name, string? Email)
{
    /// <summary>"Name &lt;email&gt;" for operators, or the account id when the profile hides both.</summary>
    public string Describe() =>
        (Name, Email) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => $"{Name} <{Email}>",
            ({ Length: > 0 }, _) => Name,
            (_, { Length: > 0 }) => Email,
            _ => AccountId,
        };
}
