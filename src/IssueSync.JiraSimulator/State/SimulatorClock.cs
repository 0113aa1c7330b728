namespace IssueSync.JiraSimulator.State;

/// <summary>
/// Holds the simulator's <see cref="TimeProvider"/> without registering it as the host's <c>TimeProvider</c>
/// (a fake clock must not reach Kestrel or other framework services).
/// </summary>
public sealed class SimulatorClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
