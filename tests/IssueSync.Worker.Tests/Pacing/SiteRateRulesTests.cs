using IssueSync.Worker.Pacing;

namespace IssueSync.Worker.Tests.Pacing;

/// <summary>How a site's create rate moves: the numbers behind the pacing benchmark's goodput.</summary>
public sealed class SiteRateRulesTests
{
    [Fact]
    public void A_rate_above_the_stated_limit_goes_to_ninety_percent_of_it_not_to_seventy_percent_of_itself()
    {
        // The pacing run: the rate had doubled to 40/s, Jira says 20/s. 0.7 × 40 = 28 would meet 429s again; the old
        // rule, min(0.7 × current, 0.9 × limit), took 18 here too, but from 19.5/s it took 13.65.
        Assert.Equal((20, 18), SiteRateRules.SlowDown(current: 40, statedLimit: 20, knownLimit: null, minRate: 0.5));
        Assert.Equal(18, SiteRateRules.SlowDown(current: 19.5, statedLimit: 20, knownLimit: 20, minRate: 0.5).Rate, precision: 6);
    }

    [Fact]
    public void A_refusal_below_the_line_means_the_budget_is_shared_and_backs_off_multiplicatively()
    {
        var (limit, rate) = SiteRateRules.SlowDown(current: 10, statedLimit: 20, knownLimit: 20, minRate: 0.5);

        Assert.Equal(20, limit);
        Assert.Equal(7, rate, precision: 6);
    }

    [Fact]
    public void Without_a_stated_limit_the_rate_that_met_the_429_is_the_limit_and_the_back_off_is_multiplicative()
    {
        var (limit, rate) = SiteRateRules.SlowDown(current: 12, statedLimit: null, knownLimit: null, minRate: 0.5);
        Assert.Equal(12, limit);
        Assert.Equal(8.4, rate, precision: 6);
        Assert.Equal(0.5, SiteRateRules.SlowDown(current: 0.6, statedLimit: 0.5, knownLimit: null, minRate: 0.5).Rate);
    }

    [Fact]
    public void The_rate_doubles_while_no_limit_is_known_then_climbs_in_small_steps_to_ninety_five_percent()
    {
        Assert.Equal(20, SiteRateRules.SpeedUp(current: 10, knownLimit: null, maxRate: 100));
        Assert.Equal(100, SiteRateRules.SpeedUp(current: 80, knownLimit: null, maxRate: 100));
        Assert.Equal(18.9, SiteRateRules.SpeedUp(current: 18, knownLimit: 20, maxRate: 100), precision: 6);
        Assert.Equal(19, SiteRateRules.SpeedUp(current: 18.9, knownLimit: 20, maxRate: 100), precision: 6);
        Assert.Equal(19, SiteRateRules.SpeedUp(current: 19, knownLimit: 20, maxRate: 100), precision: 6);
    }
}
