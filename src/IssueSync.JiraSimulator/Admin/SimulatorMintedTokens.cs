namespace IssueSync.JiraSimulator.Admin;

/// <summary>
/// The body of <c>GET /_simulator/tokens</c>: every access and refresh token the simulator minted since the last
/// reset, in minting order (including tokens whose answer was lost or that are expired or revoked by now).
/// </summary>
public sealed record SimulatorMintedTokens(IReadOnlyList<string> AccessTokens, IReadOnlyList<string> RefreshTokens);
