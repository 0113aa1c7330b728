namespace IssueSync.JiraSimulator.Auth;

internal enum TokenError
{
    None,
    InvalidCode,
    RedirectMismatch,
    InvalidGrant,
    FamilyRevoked,
}
