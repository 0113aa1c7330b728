using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Contracts;
using IssueSync.Worker.Admin.Audit;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Persistence;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>PUT /admin/commands/{id}</c>, edit-then-retry: the fields given replace the command's values, the result is checked
/// with the rules every producer applies and against Jira's create metadata (<see cref="EditPreflight"/>; nothing changes
/// when it fails either), and the command is retried.
/// </summary>
public sealed class EditCommand
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPut("/{id}", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(string id, CommandEdit edit, CommandFinder finder, OperatorTransitions transitions, IssueSyncDbContext db,
        EditPreflight preflight, LedgerClock clock, AdminAudit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var found = await finder.FindAsync(id, tracking: true, cancellationToken);
        if (!found.IsOk)
        {
            return found.Problem;
        }

        var command = found.Value;
        audit.Touch(command.Id);
        audit.Note($"edited {string.Join(", ", EditedFields(edit))}");
        if (CommandLedger.TryReadCommand(command.RawCommand) is not { } original)
        {
            return AdminProblems.Conflict($"Command '{id}' holds no readable CreateIssue to edit; discard it and publish a new one.");
        }

        var edited = Apply(original, edit);
        var problems = CreateIssueRules.Check(edited);
        if (problems.Count > 0)
        {
            return AdminProblems.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                "The edited command is not valid; nothing was changed.");
        }

        var checkedByJira = await preflight.CheckAsync(command, edited, cancellationToken);
        if (checkedByJira.Problems.Count > 0)
        {
            return AdminProblems.Invalid(checkedByJira.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                $"The edited command does not fit Jira's create metadata for {edited.ProjectKey}/{edited.IssueType}; nothing was changed.");
        }

        if (!checkedByJira.Checked)
        {
            audit.Note($"not checked against create metadata ({checkedByJira.NotChecked}); the next attempt checks it");
        }

        return await transitions.SaveAsync(id, command, command.Edit(CommandLedger.Describe(edited, command.SentAt), clock.UtcNow), "edited and retried", cancellationToken)
            ?? Results.Ok(await CommandViews.DetailAsync(db, command, cancellationToken));
    }

    /// <summary>The command with the edit applied. A new description in one format drops the other; custom fields merge (JSON null removes one).</summary>
    public static CreateIssue Apply(CreateIssue original, CommandEdit edit)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(edit);
        return original with
        {
            Site = edit.Site ?? original.Site,
            ProjectKey = edit.ProjectKey ?? original.ProjectKey,
            IssueType = edit.IssueType ?? original.IssueType,
            Summary = edit.Summary ?? original.Summary,
            DescriptionMarkdown = edit.DescriptionAdf is not null ? null : edit.DescriptionMarkdown ?? original.DescriptionMarkdown,
            DescriptionAdf = edit.DescriptionMarkdown is not null ? null : edit.DescriptionAdf ?? original.DescriptionAdf,
            Priority = edit.Priority ?? original.Priority,
            Components = edit.Components ?? original.Components,
            Labels = edit.Labels ?? original.Labels,
            AssigneeAccountId = edit.AssigneeAccountId ?? original.AssigneeAccountId,
            DueDate = edit.DueDate ?? original.DueDate,
            CustomFields = edit.CustomFields is null ? original.CustomFields : Merge(original.CustomFields, edit.CustomFields),
        };
    }

    /// <summary>The names of the fields an edit changes, for the audit trail.</summary>
    public static IEnumerable<string> EditedFields(CommandEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var fields = new (string Name, object? Value)[]
        {
            ("site", edit.Site), ("projectKey", edit.ProjectKey), ("issueType", edit.IssueType), ("summary", edit.Summary),
            ("descriptionMarkdown", edit.DescriptionMarkdown), ("descriptionAdf", edit.DescriptionAdf), ("priority", edit.Priority),
            ("components", edit.Components), ("labels", edit.Labels), ("assigneeAccountId", edit.AssigneeAccountId), ("dueDate", edit.DueDate),
        };
        return fields.Where(f => f.Value is not null).Select(f => f.Name).Concat(edit.CustomFields?.Keys ?? Enumerable.Empty<string>());
    }

    private static Dictionary<string, JsonElement> Merge(IReadOnlyDictionary<string, JsonElement>? original, IReadOnlyDictionary<string, JsonElement> changes)
    {
        var merged = original?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }
}
