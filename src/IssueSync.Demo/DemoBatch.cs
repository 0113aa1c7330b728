using System.Text.Json;
using IssueSync.Contracts;

namespace IssueSync.Demo;

/// <summary>
/// The demo's mixed batch: valid commands of several shapes, and one of each common mistake that only the project can
/// reveal (the admin API refuses, like any producer, the mistakes visible without it: a label with a space, a summary
/// too long).
/// </summary>
public static class DemoBatch
{
    public const string Connection = "demo";

    /// <summary>The invalid commands and the reason each must fail with.</summary>
    public static IReadOnlyList<(CreateIssue Command, string ExpectedReason)> Invalid(string run) =>
    [
        (Base(run, "no-severity") with { IssueType = "Bug", Summary = "Bug without the required Severity field" }, FailureReasons.Validation),
        (Base(run, "unknown-type") with { IssueType = "Incident", Summary = "An issue type the project does not have" }, FailureReasons.Validation),
        (Base(run, "bad-priority") with { Priority = "Urgent!!" }, FailureReasons.Validation),
        (Base(run, "team-components") with { ProjectKey = "TEAM", Components = ["Backend"] }, FailureReasons.Validation),
        (Base(run, "unknown-component") with { Components = ["Payments"] }, FailureReasons.Validation),
        (Base(run, "bad-adf") with
        {
            DescriptionMarkdown = null,
            DescriptionAdf = JsonDocument.Parse("""{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""").RootElement,
        }, FailureReasons.InvalidAdf),
    ];

    public static IReadOnlyList<CreateIssue> Valid(string run, int count) => Enumerable.Range(1, count).Select(i => (i % 4) switch
    {
        0 => Base(run, $"bug-{i}") with
        {
            IssueType = "Bug",
            Summary = $"Checkout returns 500 for order #{1000 + i}",
            Components = ["Backend"],
            CustomFields = new Dictionary<string, JsonElement> { ["customfield_10050"] = JsonSerializer.SerializeToElement("Sev2") },
        },
        1 => Base(run, $"story-{i}") with { IssueType = "Story", Summary = $"Export report {i} as CSV", Priority = "Medium" },
        _ => Base(run, $"task-{i}") with { Summary = $"Rotate the logs of db-{i}", DueDate = "2026-12-31" },
    }).ToList();

    private static CreateIssue Base(string run, string name) => new()
    {
        IdempotencyKey = $"demo-{run}-{name}",
        ConnectionId = Connection,
        ProjectKey = "OPS",
        IssueType = "Task",
        Summary = name,
        DescriptionMarkdown = "## What happened\n\nFiled by `issuesync-demo`.\n\n- **severity**: medium\n- see <https://status.example.com>\n\n```bash\njournalctl -u checkout\n```",
        Priority = "High",
        Labels = ["demo"],
        CorrelationId = $"demo-{run}",
    };
}
