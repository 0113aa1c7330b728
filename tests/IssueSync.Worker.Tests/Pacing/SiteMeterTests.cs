using IssueSync.Worker.Pacing;

namespace IssueSync.Worker.Tests.Pacing;

/// <summary>One replica's spacing of its creates to a site, on explicit instants: even spacing, unused slots kept up to a bound, the wait limit.</summary>
public sealed class SiteMeterTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Requests_that_come_at_once_are_spaced_evenly()
    {
        var meter = new SiteMeter(Start);

        var waits = Enumerable.Range(0, 5).Select(_ => meter.Take(Start, Interval, MaxWait).Wait.TotalMilliseconds).ToList();

        Assert.Equal([0, 100, 200, 300, 400], waits);
        Assert.True(meter.Saturated);
    }

    [Fact]
    public void After_a_quiet_spell_at_most_the_kept_unused_slots_go_at_once_then_the_spacing_holds()
    {
        var meter = new SiteMeter(Start);
        var later = Start.AddSeconds(10);

        var waits = Enumerable.Range(0, SiteMeter.UnusedSlotsKept + 3).Select(_ => meter.Take(later, Interval, MaxWait).Wait.TotalMilliseconds).ToList();

        // Two slots the replica had no request for, and the current one, are used at once; then one per interval.
        Assert.Equal([0, 0, 0, 100, 200], waits);
    }

    [Fact]
    public void Over_any_span_no_more_than_the_share_and_the_kept_slots_go()
    {
        var meter = new SiteMeter(Start);
        var sent = new List<DateTime>();
        // Requests arrive unevenly: bursts of 7 every 1.3 s, for a minute.
        for (var at = Start; at < Start.AddMinutes(1); at = at.AddMilliseconds(1300))
        {
            for (var i = 0; i < 7; i++)
            {
                var slot = meter.Take(at, Interval, MaxWait);
                Assert.True(slot.Taken);
                sent.Add(at + slot.Wait);
            }
        }

        var window = TimeSpan.FromSeconds(1);
        var most = sent.Max(t => sent.Count(u => u >= t && u < t + window));
        Assert.True(most <= (window / Interval) + SiteMeter.UnusedSlotsKept, $"{most} requests in one second");
    }

    [Fact]
    public void A_slot_further_away_than_the_wait_limit_is_not_taken_and_stays_free()
    {
        var meter = new SiteMeter(Start);
        Assert.Equal(TimeSpan.Zero, meter.Take(Start, Interval, TimeSpan.FromMilliseconds(150)).Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(100), meter.Take(Start, Interval, TimeSpan.FromMilliseconds(150)).Wait);

        var refused = meter.Take(Start, Interval, TimeSpan.FromMilliseconds(150));
        Assert.False(refused.Taken);
        Assert.Equal(TimeSpan.FromMilliseconds(200), refused.Wait);

        // The refused request took nothing: the next one a little later gets the same slot.
        Assert.Equal(TimeSpan.FromMilliseconds(100), meter.Take(Start.AddMilliseconds(100), Interval, TimeSpan.FromMilliseconds(150)).Wait);
    }
}
