using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.Faults;

namespace IssueSync.Benchmarks;

/// <summary>One system to measure: how many worker replicas, how the simulator behaves, and any worker settings beyond the defaults.</summary>
/// <param name="Name">Short lower-case name (used in the database, queue and log folder names).</param>
/// <param name="Replicas">Worker processes.</param>
/// <param name="Simulator">Runtime settings of the simulator, applied before any account consents.</param>
/// <param name="Faults">The simulator's latency (no failures are injected).</param>
/// <param name="WorkerEnvironment">Worker settings as <c>Section__Key</c> environment variables.</param>
public sealed record StandSpec(string Name, int Replicas, SimulatorConfig Simulator, FaultSettings Faults, IReadOnlyDictionary<string, string> WorkerEnvironment);
