namespace IssueSync.JiraSimulator.Admin;

/// <summary>The body of <c>GET /_simulator/clock</c>: the simulator's time and its offset from the host clock.</summary>
public sealed record SimulatorClockInfo(DateTimeOffset Now, double OffsetSeconds);

/// <summary>The body of <c>POST /_simulator/clock/advance</c>.</summary>
public sealed record ClockAdvance(double? Seconds);

/// <summary>The body of <c>PUT /_simulator/clock</c>.</summary>
public sealed record ClockOffset(double? OffsetSeconds);
