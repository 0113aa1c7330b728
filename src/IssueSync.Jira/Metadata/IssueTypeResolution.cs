using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.Metadata;

/// <summary>The issue type a draft names, or why it names none.</summary>
public sealed class IssueTypeResolution
{
    private IssueTypeResolution(CreateMetaIssueType? issueType, string? problem)
    {
        IssueType = issueType;
        Problem = problem;
    }

    /// <summary>The resolved issue type.</summary>
    public CreateMetaIssueType? IssueType { get; }

    /// <summary>Why it could not be resolved, listing the available types.</summary>
    public string? Problem { get; }

    /// <summary>True when <see cref="IssueType"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(IssueType))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsResolved => IssueType is not null;

    /// <summary>
    /// Resolves <paramref name="nameOrId"/> among a project's issue types: an exact id first, then a name ignoring case.
    /// Two types with that name (possible in team-managed projects) is a problem, not a guess.
    /// </summary>
    public static IssueTypeResolution Resolve(IReadOnlyList<CreateMetaIssueType> issueTypes, string nameOrId, string projectIdOrKey)
    {
        ArgumentNullException.ThrowIfNull(issueTypes);
        var wanted = (nameOrId ?? "").Trim();
        var available = issueTypes.Count == 0
            ? "The user can create no issue types there (check the Create issues permission)."
            : "Available: " + string.Join(", ", issueTypes.Select(t => $"{t.Name} (id {t.Id})")) + ".";
        if (wanted.Length == 0)
        {
            return new(null, $"An issue type is required for project {projectIdOrKey}. {available}");
        }

        var byId = issueTypes.FirstOrDefault(t => string.Equals(t.Id, wanted, StringComparison.Ordinal));
        if (byId is not null)
        {
            return new(byId, null);
        }

        var byName = issueTypes.Where(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return byName.Count switch
        {
            1 => new(byName[0], null),
            0 => new(null, $"Issue type '{wanted}' does not exist in project {projectIdOrKey}. {available}"),
            _ => new(null, $"Issue type '{wanted}' is ambiguous in project {projectIdOrKey}: {string.Join(", ", byName.Select(t => $"{t.Name} (id {t.Id})"))}. Give the id instead."),
        };
    }
}
