using IssueSync.Contracts;
using IssueSync.Harness;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.Soak;

/// <summary>
/// Everything the verdict is made from, all of it gathered from outside the worker: the simulator's record of
/// issues, requests and tokens, the ledger as stored in PostgreSQL, the queues, the events captured from the bus,
/// the process logs, and what the harness itself did.
/// </summary>
public sealed record Evidence
{
    public required SoakPlan Plan { get; init; }

    /// <summary>Idempotency key → how many times the publisher handed it to the broker.</summary>
    public required IReadOnlyDictionary<string, int> Sends { get; init; }

    public required IReadOnlyCollection<Answer> Answers { get; init; }

    public required IReadOnlyCollection<ConnectionReauthorizationRequired> Reauthorizations { get; init; }

    public required long UnreadableAnswers { get; init; }

    public required IReadOnlyList<SimulatedIssue> Issues { get; init; }

    public required IReadOnlyDictionary<string, LedgerRow> Ledger { get; init; }

    public required IReadOnlyDictionary<string, string> ConnectionStatuses { get; init; }

    public required IReadOnlyList<(string Reason, string? Key, string Detail)> Rejected { get; init; }

    public required IReadOnlyList<QueueDepth> Queues { get; init; }

    /// <summary>Every token the simulator minted, or null when it cannot list them.</summary>
    public required IReadOnlyCollection<string>? Tokens { get; init; }

    public required IReadOnlyList<SecretLeak> Leaks { get; init; }

    public required int LogFilesScanned { get; init; }

    public required SimulatorStatsSnapshot Stats { get; init; }

    public required IReadOnlyCollection<string> ChaosProblems { get; init; }

    public required RevocationRecord? Revocation { get; init; }

    public required int Kills { get; init; }

    public required int RabbitMqRestarts { get; init; }

    public required int PostgresRestarts { get; init; }

    /// <summary>Null when everything was answered in time; otherwise what was still missing at the deadline.</summary>
    public required string? DrainTimeout { get; init; }
}
