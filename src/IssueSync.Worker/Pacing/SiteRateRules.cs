namespace IssueSync.Worker.Pacing;

/// <summary>
/// How the create rate of a site changes (the only place for it; <see cref="PacingStore"/> applies it to the shared row).
/// Faster while demand exceeds the rate and Jira does not object: doubling while no limit is known, then 5 % steps,
/// never above 95 % of the limit Jira stated. Slower after a 429: to 90 % of the limit Jira stated
/// (<c>X-RateLimit-Limit</c>) when the rate was above that line, since Jira said what it allows; otherwise by 0.7×
/// (refused below the line, another app on the tenant shares the budget; or no limit stated at all).
/// </summary>
public static class SiteRateRules
{
    /// <summary>The next rate when demand exceeded <paramref name="current"/>, or <paramref name="current"/> when it may not rise.</summary>
    public static double SpeedUp(double current, double? knownLimit, double maxRate)
    {
        var ceiling = Math.Min(maxRate, knownLimit is { } limit ? limit * 0.95 : double.MaxValue);
        return Math.Max(current, Math.Min(ceiling, knownLimit is null ? current * 2 : current * 1.05));
    }

    /// <summary>The limit to remember after a 429 and the rate to go to.</summary>
    public static (double Limit, double Rate) SlowDown(double current, double? statedLimit, double? knownLimit, double minRate)
    {
        var limit = statedLimit ?? Math.Min(current, knownLimit ?? double.MaxValue);
        var rate = statedLimit is { } stated && current > stated * 0.9 ? stated * 0.9 : Math.Min(current * 0.7, limit * 0.9);
        return (limit, Math.Max(minRate, rate));
    }
}
