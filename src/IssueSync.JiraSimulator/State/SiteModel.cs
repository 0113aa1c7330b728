using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.State;

/// <summary>A seed site with lookups.</summary>
internal sealed class SiteModel
{
    private static readonly IReadOnlySet<string> NoHiddenFields = new HashSet<string>();

    public SiteModel(SeedSite seed)
    {
        Seed = seed;
        ProjectsByKey = seed.Projects.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        ProjectsById = seed.Projects.ToDictionary(p => p.Id, StringComparer.Ordinal);
        CustomFields = seed.CustomFields.ToDictionary(f => f.Id, StringComparer.Ordinal);
        DefaultPriority = seed.Priorities.FirstOrDefault(p => p.IsDefault);
    }

    public SeedSite Seed { get; }

    public string CloudId => Seed.CloudId;

    public IReadOnlyDictionary<string, SeedProject> ProjectsByKey { get; }

    public IReadOnlyDictionary<string, SeedProject> ProjectsById { get; }

    public IReadOnlyDictionary<string, SeedCustomField> CustomFields { get; }

    public SeedPriority? DefaultPriority { get; }

    /// <summary>A project by id or key, whoever can see it.</summary>
    public SeedProject? Find(string idOrKey) => ProjectsByKey.GetValueOrDefault(idOrKey) ?? ProjectsById.GetValueOrDefault(idOrKey);

    /// <summary>A project by id or key, only when <paramref name="user"/> can browse it (otherwise it behaves as unknown).</summary>
    public SeedProject? FindBrowsable(string idOrKey, SeedUser user) =>
        Find(idOrKey) is { } project && AccessOf(project, user).CanBrowse ? project : null;

    /// <summary>The projects of this site <paramref name="user"/> can browse, in seed order.</summary>
    public IReadOnlyList<SeedProject> BrowsableBy(SeedUser user) => [.. Seed.Projects.Where(p => AccessOf(p, user).CanBrowse)];

    /// <summary>The project's defaults, overridden by the user's permission entry for it when there is one.</summary>
    public ProjectAccess AccessOf(SeedProject project, SeedUser user)
    {
        var entry = user.Permissions.FirstOrDefault(p =>
            string.Equals(p.CloudId, CloudId, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Project, project.Key, StringComparison.OrdinalIgnoreCase));
        return entry is null
            ? new ProjectAccess(project.CanBrowse, project.CanCreate, NoHiddenFields)
            : new ProjectAccess(entry.CanBrowse ?? project.CanBrowse, entry.CanCreate ?? project.CanCreate, entry.HiddenFields.ToHashSet(StringComparer.Ordinal));
    }
}
