namespace IssueSync.JiraSimulator.Auth;

/// <summary>The outcome of a token-endpoint exchange.</summary>
internal sealed record TokenResult(TokenPair? Pair, TokenError Error, bool ReusedWithinLeeway)
{
    public static TokenResult Ok(TokenPair pair, bool reusedWithinLeeway = false) => new(pair, TokenError.None, reusedWithinLeeway);

    public static TokenResult Fail(TokenError error) => new(null, error, false);
}
