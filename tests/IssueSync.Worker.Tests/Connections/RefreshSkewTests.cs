using IssueSync.Worker.Connections;

namespace IssueSync.Worker.Tests.Connections;

/// <summary>
/// How far ahead of expiry a token is refreshed. The benchmark's tokens scenario (30 s tokens) measured 1.48
/// refreshes per connection per token lifetime with the earlier rule (a quarter of the lifetime ahead).
/// </summary>
public sealed class RefreshSkewTests
{
    private static readonly TimeSpan Configured = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(30)]
    [InlineData(20)]
    [InlineData(3600)]
    [InlineData(86_400)]
    public void A_token_is_refreshed_about_once_per_lifetime(double lifetimeSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        var skew = AccessTokenService.RefreshSkew(lifetime, Configured);

        // A token used without pause is replaced every (lifetime − skew): that many refreshes per lifetime.
        Assert.InRange(lifetime / (lifetime - skew), 1.0, 1.05);
        Assert.True(skew <= Configured);
        Assert.True(skew > TimeSpan.Zero);
    }

    [Fact]
    public void A_long_lived_token_keeps_the_configured_skew_and_an_unknown_lifetime_too()
    {
        Assert.Equal(Configured, AccessTokenService.RefreshSkew(TimeSpan.FromDays(1), Configured));
        Assert.Equal(Configured, AccessTokenService.RefreshSkew(null, Configured));
        Assert.Equal(TimeSpan.FromSeconds(1.2), AccessTokenService.RefreshSkew(TimeSpan.FromSeconds(30), Configured));
    }
}
