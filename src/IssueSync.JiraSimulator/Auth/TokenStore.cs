using System.Security.Cryptography;

namespace IssueSync.JiraSimulator.Auth;

/// <summary>
/// Authorization codes and token families (one family per consent). Rotation follows docs/atlassian-api.md §1.4:
/// each refresh returns a new pair; the refresh token used and its companion access token stay valid for the
/// leeway and are revoked after it; reuse inside the leeway returns another fresh pair; reuse after it revokes
/// the whole family. All operations are serialised by one lock.
/// </summary>
internal sealed class TokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenEntry> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenEntry> _refresh = new(StringComparer.Ordinal);
    private readonly List<TokenFamily> _families = [];
    private readonly List<string> _mintedAccess = [];
    private readonly List<string> _mintedRefresh = [];

    public string IssueCode(string clientId, string redirectUri, string accountId, IReadOnlyList<string> scopes, DateTimeOffset now, SimulatorSettings settings)
    {
        var code = NewToken(24);
        lock (_gate)
        {
            _codes[code] = new AuthorizationCode(code, clientId, redirectUri, accountId, scopes, now + settings.AuthorizationCodeLifetime);
        }

        return code;
    }

    public TokenResult ExchangeCode(string code, string clientId, string? redirectUri, DateTimeOffset now, SimulatorSettings settings)
    {
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var entry) || entry.Used || now >= entry.ExpiresAt || entry.ClientId != clientId)
            {
                if (entry is not null)
                {
                    entry.Used = true;
                }

                return TokenResult.Fail(TokenError.InvalidCode);
            }

            entry.Used = true;
            if (!string.Equals(entry.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return TokenResult.Fail(TokenError.RedirectMismatch);
            }

            var family = new TokenFamily(Guid.NewGuid().ToString("N"), entry.AccountId, clientId, entry.Scopes, now);
            _families.Add(family);
            return TokenResult.Ok(IssuePair(family, now, settings));
        }
    }

    /// <summary>Creates a family without the browser flow (admin shortcut for tests and benchmarks).</summary>
    public TokenPair IssueDirect(string accountId, string clientId, IReadOnlyList<string> scopes, DateTimeOffset now, SimulatorSettings settings)
    {
        lock (_gate)
        {
            var family = new TokenFamily(Guid.NewGuid().ToString("N"), accountId, clientId, scopes, now);
            _families.Add(family);
            return IssuePair(family, now, settings);
        }
    }

    public TokenResult Refresh(string refreshToken, string clientId, DateTimeOffset now, SimulatorSettings settings)
    {
        lock (_gate)
        {
            if (!_refresh.TryGetValue(refreshToken, out var entry) || entry.Family.ClientId != clientId || entry.Family.Revoked)
            {
                return TokenResult.Fail(TokenError.InvalidGrant);
            }

            var family = entry.Family;
            if (now >= entry.IssuedAt + settings.RefreshTokenInactivityLifetime || now >= family.CreatedAt + settings.RefreshTokenAbsoluteLifetime)
            {
                return TokenResult.Fail(TokenError.InvalidGrant);
            }

            if (entry.RotatedAt is { } rotatedAt)
            {
                if (now >= rotatedAt + settings.RefreshTokenLeeway)
                {
                    family.Revoked = true;
                    return TokenResult.Fail(TokenError.FamilyRevoked);
                }

                return TokenResult.Ok(IssuePair(family, now, settings), reusedWithinLeeway: true);
            }

            entry.RotatedAt = now;
            return TokenResult.Ok(IssuePair(family, now, settings));
        }
    }

    /// <summary>The live access token, or null when unknown, expired, revoked or past its companion's leeway.</summary>
    public AccessGrant? ValidateAccess(string token, DateTimeOffset now, SimulatorSettings settings)
    {
        lock (_gate)
        {
            if (!_access.TryGetValue(token, out var entry) || entry.Family.Revoked || now >= entry.ExpiresAt)
            {
                return null;
            }

            if (entry.Companion?.RotatedAt is { } rotatedAt && now >= rotatedAt + settings.RefreshTokenLeeway)
            {
                return null;
            }

            return new AccessGrant(entry.Family.AccountId, entry.Family.Scopes, entry.ExpiresAt);
        }
    }

    /// <summary>Expires the access tokens of one user (or everyone) now; refresh tokens stay usable.</summary>
    public int ExpireAccessTokens(string? accountId, DateTimeOffset now)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var entry in _access.Values)
            {
                if ((accountId is null || entry.Family.AccountId == accountId) && entry.ExpiresAt > now && !entry.Family.Revoked)
                {
                    entry.ExpiresAt = now;
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Revokes every family of a user (password change, admin revocation): invalid_grant thereafter.</summary>
    public int RevokeUser(string accountId)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var family in _families.Where(f => f.AccountId == accountId && !f.Revoked))
            {
                family.Revoked = true;
                count++;
            }

            return count;
        }
    }

    /// <summary>Every access and refresh token minted since the last reset, in minting order.</summary>
    public (IReadOnlyList<string> Access, IReadOnlyList<string> Refresh) Minted()
    {
        lock (_gate)
        {
            return ([.. _mintedAccess], [.. _mintedRefresh]);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _mintedAccess.Clear();
            _mintedRefresh.Clear();
            _codes.Clear();
            _access.Clear();
            _refresh.Clear();
            _families.Clear();
        }
    }

    private TokenPair IssuePair(TokenFamily family, DateTimeOffset now, SimulatorSettings settings)
    {
        var refresh = family.Scopes.Contains("offline_access", StringComparer.Ordinal)
            ? new RefreshTokenEntry(NewToken(48), family, now)
            : null;
        var access = new AccessTokenEntry(NewToken(48), family, now + settings.AccessTokenLifetime, refresh);
        _access[access.Token] = access;
        _mintedAccess.Add(access.Token);
        if (refresh is not null)
        {
            _refresh[refresh.Token] = refresh;
            _mintedRefresh.Add(refresh.Token);
        }

        return new TokenPair(access.Token, refresh?.Token, (int)Math.Round(settings.AccessTokenLifetime.TotalSeconds), string.Join(' ', family.Scopes), family.AccountId);
    }

    private static string NewToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record AuthorizationCode(string Code, string ClientId, string RedirectUri, string AccountId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt)
    {
        public bool Used { get; set; }
    }

    private sealed record TokenFamily(string Id, string AccountId, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt)
    {
        public bool Revoked { get; set; }
    }

    private sealed record AccessTokenEntry(string Token, TokenFamily Family, DateTimeOffset ExpiresAtInitial, RefreshTokenEntry? Companion)
    {
        public DateTimeOffset ExpiresAt { get; set; } = ExpiresAtInitial;
    }

    private sealed record RefreshTokenEntry(string Token, TokenFamily Family, DateTimeOffset IssuedAt)
    {
        public DateTimeOffset? RotatedAt { get; set; }
    }
}
