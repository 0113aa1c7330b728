using System.Text.Json;
using IssueSync.Jira.Metadata;

namespace IssueSync.Jira.Tests.Metadata;

/// <summary>Create metadata of a company-managed project ED and a team-managed project TM, shaped like createmeta answers.</summary>
internal static class MetadataFixture
{
    private const string Custom = "com.atlassian.jira.plugin.system.customfieldtypes:";

    public static readonly CreateMetaIssueType Bug = new() { Id = "10001", Name = "Bug" };
    public static readonly CreateMetaIssueType Task = new() { Id = "10002", Name = "Task" };

    public static CreateMetaField Field(string id, string name, FieldSchema schema, bool required = false, bool hasDefault = false, params (string? Id, string? Name, string? Value)[] allowed) => new()
    {
        FieldId = id,
        Key = id,
        Name = name,
        Required = required,
        HasDefaultValue = hasDefault,
        Operations = ["set"],
        Schema = schema,
        AllowedValues = [.. allowed.Select(a => new AllowedValue(a.Id, a.Name, a.Value, JsonSerializer.SerializeToElement(a)))],
        HasAllowedValues = allowed.Length > 0,
    };

    public static IReadOnlyList<CreateMetaField> CompanyManagedFields(params CreateMetaField[] extra) =>
    [
        Field("summary", "Summary", new("string", System: "summary"), required: true),
        Field("issuetype", "Issue Type", new("issuetype", System: "issuetype"), required: true),
        Field("project", "Project", new("project", System: "project"), required: true),
        Field("reporter", "Reporter", new("user", System: "reporter"), required: true),
        Field("description", "Description", new("string", System: "description")),
        Field("priority", "Priority", new("priority", System: "priority"), hasDefault: true, allowed: [("1", "Highest", null), ("2", "High", null), ("3", "Medium", null)]),
        Field("components", "Components", new("array", "component", "components"), allowed: [("10000", "Backend", null), ("10001", "Frontend", null)]),
        Field("labels", "Labels", new("array", "string", "labels")),
        Field("assignee", "Assignee", new("user", System: "assignee")),
        Field("duedate", "Due date", new("date", System: "duedate")),
        Field("parent", "Parent", new("issuelink", System: "parent")),
        Field("customfield_10050", "Severity", new("option", Custom: Custom + "select", CustomId: 10050), allowed: [("10112", null, "Sev 1"), ("10113", null, "Sev 2")]),
        Field("customfield_10051", "Browsers", new("array", "option", Custom: Custom + "multiselect", CustomId: 10051), allowed: [("10200", null, "Chrome"), ("10201", null, "Firefox")]),
        Field("customfield_10052", "Reviewer", new("user", Custom: Custom + "userpicker", CustomId: 10052)),
        Field("customfield_10053", "Story points", new("number", Custom: Custom + "float", CustomId: 10053)),
        Field("customfield_10054", "Steps to reproduce", new("string", Custom: Custom + "textarea", CustomId: 10054)),
        Field("customfield_10055", "Build", new("string", Custom: Custom + "textfield", CustomId: 10055)),
        Field("customfield_10056", "Found on", new("date", Custom: Custom + "datepicker", CustomId: 10056)),
        Field("customfield_10057", "Reviewers", new("array", "user", Custom: Custom + "multiuserpicker", CustomId: 10057)),
        .. extra,
    ];

    public static CreateMetadata CompanyManaged(params CreateMetaField[] extra) => new()
    {
        ProjectIdOrKey = "ED",
        IssueTypes = [Bug, Task],
        FieldsByIssueTypeId = new Dictionary<string, IReadOnlyList<CreateMetaField>> { [Bug.Id] = CompanyManagedFields(extra), [Task.Id] = CompanyManagedFields(extra) },
    };

    /// <summary>A team-managed project: project-scoped types, no components on the screen.</summary>
    public static CreateMetadata TeamManaged() => new()
    {
        ProjectIdOrKey = "TM",
        IssueTypes = [new() { Id = "10100", Name = "Bug", ScopeType = "PROJECT", ScopeProjectId = "10010" }],
        FieldsByIssueTypeId = new Dictionary<string, IReadOnlyList<CreateMetaField>>
        {
            ["10100"] = CompanyManagedFields().Where(f => f.FieldId != "components").ToList(),
        },
    };

    public static IssueDraft Draft(string project = "ED") => new() { ProjectKey = project, IssueType = "Bug", Summary = "Main order flow broken" };
}
