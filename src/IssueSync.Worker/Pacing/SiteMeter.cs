namespace IssueSync.Worker.Pacing;

/// <summary>
/// One replica's spacing of its create requests to one site: its share of the site's rate, requests evenly spaced.
/// Slots the replica had no request for are not all lost: up to <see cref="UnusedSlotsKept"/> of them may still be
/// used, so a replica whose commands for a site come unevenly keeps its share. Over any span it sends at most its
/// share plus that many requests, which Jira's burst limit (a token bucket, docs/atlassian-api.md §5) absorbs.
/// </summary>
public sealed class SiteMeter(DateTime start)
{
    public const int UnusedSlotsKept = 2;

    private DateTime _nextSlot = start;

    /// <summary>Requests had to wait for their slot since the last read: the rate, not Jira, was the limit.</summary>
    public bool Saturated { get; set; }

    /// <summary>
    /// The next slot at <paramref name="interval"/> spacing: how long to wait for it, and whether it was taken (not
    /// when the wait would be longer than <paramref name="maxWait"/>; then the slot stays free for someone else).
    /// </summary>
    public PaceSlot Take(DateTime now, TimeSpan interval, TimeSpan maxWait)
    {
        var earliest = now - (interval * UnusedSlotsKept);
        var slot = _nextSlot > earliest ? _nextSlot : earliest;
        var wait = slot > now ? slot - now : TimeSpan.Zero;
        if (wait > maxWait)
        {
            Saturated = true;
            return new PaceSlot(wait, Taken: false);
        }

        _nextSlot = slot + interval;
        Saturated |= wait > TimeSpan.Zero;
        return new PaceSlot(wait, Taken: true);
    }
}

/// <summary>A create request's place in its site's pace: wait this long (taken), or longer than is worth holding a slot for.</summary>
public sealed record PaceSlot(TimeSpan Wait, bool Taken);
