using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.State;

/// <summary>A seed site with lookups.</summary>
internal sealed class SiteModel
{
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

    /// <summary>A project by id or key, only when the user can browse it.</summary>
    public SeedProject? FindBrowsable(string idOrKey)
    {
        var project = ProjectsByKey.GetValueOrDefault(idOrKey) ?? ProjectsById.GetValueOrDefault(idOrKey);
        return project is { CanBrowse: true } ? project : null;
    }
}
