namespace IssueSync.JiraSimulator.State;

/// <summary>
/// The simulator's controlled clock: the host's <see cref="TimeProvider"/> (a <c>FakeTimeProvider</c> in tests) plus an
/// offset set through the admin API (<c>/_simulator/clock</c>). Every expiry, leeway, code lifetime, index delay and
/// rate-limit window is measured on <see cref="Now"/>; injected latency stays wall-clock. The provider is not
/// registered as the host's <c>TimeProvider</c>: a fake clock must not reach Kestrel or other framework services.
/// </summary>
public sealed class SimulatorClock(TimeProvider time)
{
    private long _offsetTicks;

    /// <summary>The underlying provider the offset applies on top of.</summary>
    public TimeProvider Time { get; } = time;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public DateTimeOffset Now => Time.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward (never back: use <see cref="SetOffset"/> for that).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
