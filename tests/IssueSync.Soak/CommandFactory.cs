using System.Text.Json;
using IssueSync.Contracts;

namespace IssueSync.Soak;

/// <summary>
/// Makes the soak's commands from a seeded RNG: valid ones in every project the accounts can reach (OPS Task and
/// Bug, TEAM Task on acme, LAB Task on acme-labs), and invalid ones, each wrong in one field the failure must name.
/// </summary>
public sealed class CommandFactory(Random random, string keyPrefix)
{
    private static readonly string[] Priorities = ["Highest", "High", "Medium", "Low", "Lowest"];
    private static readonly string[] OpsComponents = ["Backend", "Frontend", "Infra"];
    private static readonly string[] Severities = ["Sev1", "Sev2", "Sev3"];
    private static readonly string[] Subjects = ["Disk almost full", "Checkout returns 500", "Login slow", "Queue backlog", "Certificate expires", "Cache misses"];

    /// <summary>The mistakes, each with the field its failure must name.</summary>
    public static IReadOnlyList<InvalidKind> InvalidKinds { get; } =
    [
        new("unknown priority", "priority"),
        new("missing required custom field", "customfield_10050"),
        new("unknown select option", "customfield_10050"),
        new("label with a space", "labels"),
        new("unknown component", "components"),
        new("component in a team-managed project", "components"),
        new("summary too long", "summary"),
        new("bad ADF", "description"),
        new("unknown project", "project"),
        new("unknown issue type", "issuetype"),
        new("due date not a date", "duedate"),
        new("unknown site", "site"),
    ];

    public string Key(int index) => $"{keyPrefix}{index:D6}";

    public PlannedCommand Valid(int index, SoakAccount account)
    {
        var key = Key(index);
        var site = account.OtherSite is { } other && random.Next(2) == 0 ? other : account.ChosenSite;
        var command = Base(key, account, site);
        if (site == SoakSite.AcmeLabs)
        {
            command = command with { ProjectKey = "LAB", IssueType = "Task", Components = ["Research"], Priority = Pick(Priorities) };
        }
        else
        {
            command = random.Next(3) switch
            {
                0 => command with { ProjectKey = "TEAM", IssueType = "Task", Priority = Pick(Priorities), DueDate = "2027-03-15" },
                1 => command with
                {
                    ProjectKey = "OPS", IssueType = "Bug", Priority = Pick(Priorities), Components = [Pick(OpsComponents)],
                    CustomFields = new Dictionary<string, JsonElement> { ["customfield_10050"] = JsonSerializer.SerializeToElement(Pick(Severities)) },
                },
                _ => command with { ProjectKey = "OPS", IssueType = "Task", Priority = Pick(Priorities), Components = TwoComponents() },
            };
        }

        return new PlannedCommand(key, command, site, null, false);
    }

    /// <summary>An OPS or TEAM command on acme made wrong in the way <paramref name="kind"/> says.</summary>
    public PlannedCommand Invalid(int index, SoakAccount account, InvalidKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var key = Key(index);
        var site = SoakSite.Acme;
        var ops = Base(key, account, site) with
        {
            ProjectKey = "OPS", IssueType = "Task", Priority = "Medium", Site = account.ChosenSite == site ? null : site.Url,
        };
        var command = kind.Name switch
        {
            "unknown priority" => ops with { Priority = "Blocker-ish" },
            "missing required custom field" => ops with { IssueType = "Bug" },
            "unknown select option" => ops with
            {
                IssueType = "Bug", CustomFields = new Dictionary<string, JsonElement> { ["customfield_10050"] = JsonSerializer.SerializeToElement("Sev9") },
            },
            "label with a space" => ops with { Labels = ["soak", "needs triage"] },
            "unknown component" => ops with { Components = ["Mainframe"] },
            "component in a team-managed project" => ops with { ProjectKey = "TEAM", Components = ["Backend"] },
            "summary too long" => ops with { Summary = new string('x', 280) + " " + PlannedCommand.Marker(key) },
            "bad ADF" => ops with
            {
                DescriptionMarkdown = null,
                DescriptionAdf = JsonSerializer.SerializeToElement(new { version = 1, type = "doc", content = new[] { new { type = "blink", content = Array.Empty<object>() } } }),
            },
            "unknown project" => ops with { ProjectKey = "NOPE" },
            "unknown issue type" => ops with { IssueType = "Saga" },
            "due date not a date" => ops with { DueDate = "2027-13-45" },
            "unknown site" => ops with { Site = "https://nowhere.atlassian.net" },
            _ => throw new ArgumentException($"No such mistake: {kind.Name}", nameof(kind)),
        };
        return new PlannedCommand(key, command, site, kind, false);
    }

    private CreateIssue Base(string key, SoakAccount account, SoakSite site) => new()
    {
        IdempotencyKey = key,
        ConnectionId = account.Connection,
        Site = site == account.ChosenSite ? null : site.Url,
        ProjectKey = "OPS",
        IssueType = "Task",
        Summary = $"{Pick(Subjects)} on host-{random.Next(1, 400)} {PlannedCommand.Marker(key)}",
        DescriptionMarkdown = $"## What happened\n\nThe soak published **{key}**.\n\n- check `/var/lib/{random.Next(100)}`\n- rotate logs",
        Labels = ["soak", "ops"],
        CorrelationId = "corr-" + key,
        ExternalReference = "soak:" + key,
    };

    private string Pick(string[] items) => items[random.Next(items.Length)];

    private string[] TwoComponents()
    {
        var first = random.Next(OpsComponents.Length);
        return [OpsComponents[first], OpsComponents[(first + 1 + random.Next(OpsComponents.Length - 1)) % OpsComponents.Length]];
    }
}
