using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Harness;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.Soak.Tests;

/// <summary>Made-up evidence of a run in which everything went right, to be spoiled one way per test.</summary>
internal sealed class EvidenceBuilder
{
    private static readonly SoakOptions Options = SoakOptions.Parse(["--commands", "3", "--seed", "1"], name => name switch
    {
        "ISSUESYNC_TEST_RABBITMQ" => "amqp://guest:guest@127.0.0.1:1/",
        "ISSUESYNC_TEST_POSTGRES" => "Host=127.0.0.1;Port=1",
        _ => null,
    });

    private readonly CommandFactory _factory = new(new Random(1), "s1-");
    private readonly List<PlannedCommand> _commands = [];
    private readonly List<SimulatedIssue> _issues = [];
    private readonly List<Answer> _answers = [];
    private readonly Dictionary<string, LedgerRow> _ledger = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sends = new(StringComparer.Ordinal);
    private int _issueNumber;

    public List<string> Tokens { get; } = ["tok-" + new string('a', 60)];

    public List<SecretLeak> Leaks { get; } = [];

    public List<ConnectionReauthorizationRequired> Reauthorizations { get; } =
        [new() { ConnectionId = SoakAccount.Revoked.Connection, Reason = "invalid_grant", OccurredAt = DateTimeOffset.UtcNow }];

    /// <summary>A valid command that was created once and answered once, unless the caller spoils it.</summary>
    public PlannedCommand Valid(bool doubled = false)
    {
        var command = _factory.Valid(_commands.Count + 1, SoakAccount.All[1]) with { Doubled = doubled };
        _commands.Add(command);
        _sends[command.Key] = doubled ? 2 : 1;
        var issue = Issue(command);
        Answer(command, issue.Key);
        Ledger(command, "Created", issue.Key);
        return command;
    }

    /// <summary>An invalid command that failed naming its field, once.</summary>
    public PlannedCommand Invalid(string mistake = "unknown priority")
    {
        var kind = CommandFactory.InvalidKinds.Single(k => k.Name == mistake);
        var command = _factory.Invalid(_commands.Count + 1, SoakAccount.All[1], kind);
        _commands.Add(command);
        _sends[command.Key] = 1;
        Fail(command, kind.Field);
        Ledger(command, "Failed", null);
        return command;
    }

    public SimulatedIssue Issue(PlannedCommand command) => Issue(command, command.Site.CloudId);

    public SimulatedIssue Issue(PlannedCommand command, string cloudId)
    {
        _issueNumber++;
        var issue = new SimulatedIssue
        {
            Id = (10000 + _issueNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Key = $"{command.Command.ProjectKey}-{_issueNumber}",
            CloudId = cloudId,
            ProjectId = "10000",
            ProjectKey = command.Command.ProjectKey,
            IssueTypeId = "10002",
            Summary = command.Command.Summary,
            Fields = JsonSerializer.SerializeToElement(new { }),
            SubmittedFields = JsonSerializer.SerializeToElement(new { }),
            CreatedBy = command.Command.ConnectionId,
            CreatedAt = DateTimeOffset.UtcNow,
            IndexedAt = DateTimeOffset.UtcNow,
            Number = _issueNumber,
        };
        _issues.Add(issue);
        return issue;
    }

    public void Answer(PlannedCommand command, string issueKey, bool alreadyExisted = false) =>
        _answers.Add(new Answer(Guid.NewGuid().ToString(), command.Key, DateTimeOffset.UtcNow, new IssueCreated
        {
            IdempotencyKey = command.Key,
            ConnectionId = command.Command.ConnectionId,
            CloudId = command.Site.CloudId,
            IssueKey = issueKey,
            IssueId = "1",
            CreatedAt = DateTimeOffset.UtcNow,
            AlreadyExisted = alreadyExisted,
        }, null));

    public void Fail(PlannedCommand command, string field, string reason = FailureReasons.Validation) =>
        _answers.Add(new Answer(Guid.NewGuid().ToString(), command.Key, DateTimeOffset.UtcNow, null, new IssueCreationFailed
        {
            IdempotencyKey = command.Key,
            ReasonCode = reason,
            Message = $"{field}: is not allowed",
            FieldErrors = [new FieldError(field, "is not allowed")],
            FailedAt = DateTimeOffset.UtcNow,
        }));

    public void Ledger(PlannedCommand command, string state, string? issueKey) =>
        _ledger[command.Key] = new LedgerRow(command.Key, command.Command.ConnectionId, state, 1, null, null, null, issueKey, command.Site.CloudId,
            "Known", null, null, null, DateTime.UtcNow, null, []);

    public void RemoveIssues(PlannedCommand command) => _issues.RemoveAll(i => Verdict.MarkerOf(i.Summary) == command.Key);

    public void RemoveAnswers(PlannedCommand command) => _answers.RemoveAll(a => a.IdempotencyKey == command.Key);

    public Evidence Build() => new()
    {
        Plan = SoakPlan.FromCommands(Options, _commands),
        Sends = _sends,
        Answers = _answers,
        Reauthorizations = Reauthorizations,
        UnreadableAnswers = 0,
        Issues = _issues,
        Ledger = _ledger,
        ConnectionStatuses = SoakAccount.All.ToDictionary(a => a.Connection, _ => "Active"),
        Rejected = [],
        Queues = [new QueueDepth("create-issue", true, 0, 3), new QueueDepth("create-issue_error", false, 0, 0)],
        Tokens = Tokens,
        Leaks = Leaks,
        LogFilesScanned = 4,
        Stats = new SimulatorStatsSnapshot(),
        ChaosProblems = [],
        Revocation = new RevocationRecord(SoakAccount.Revoked, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 0, 5, 1),
        Kills = 7,
        RabbitMqRestarts = 1,
        PostgresRestarts = 1,
        DrainTimeout = null,
    };
}
