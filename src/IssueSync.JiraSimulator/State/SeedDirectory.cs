using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.State;

/// <summary>An immutable, validated view of the active seed (with option overrides applied).</summary>
internal sealed class SeedDirectory
{
    private static readonly HashSet<string> SystemFields = new(StringComparer.Ordinal)
    {
        "summary", "description", "environment", "priority", "components", "labels", "duedate", "assignee", "reporter",
    };

    private static readonly HashSet<string> CustomTypes = new(StringComparer.Ordinal)
    {
        "select", "multiselect", "textfield", "textarea", "number", "date",
    };

    /// <param name="seed">The seed (validated here).</param>
    /// <param name="options">Option overrides of the seed's app.</param>
    /// <param name="addedCallbacks">Callbacks registered at runtime (<c>POST /_simulator/app/callbacks</c>).</param>
    public SeedDirectory(SimulatorSeed seed, SimulatorOptions options, IReadOnlyList<string> addedCallbacks)
    {
        var errors = Validate(seed).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid simulator seed: " + string.Join(" ", errors));
        }

        Seed = seed;
        App = seed.App with
        {
            ClientId = string.IsNullOrEmpty(options.ClientId) ? seed.App.ClientId : options.ClientId,
            ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? seed.App.ClientSecret : options.ClientSecret,
            RedirectUris = [.. options.RedirectUris.Count > 0 ? [.. options.RedirectUris] : seed.App.RedirectUris, .. addedCallbacks],
        };
        Users = seed.Users.ToDictionary(u => u.AccountId, StringComparer.Ordinal);
        Sites = seed.Sites.ToDictionary(s => s.CloudId, s => new SiteModel(s), StringComparer.OrdinalIgnoreCase);
        DefaultUser = seed.DefaultAccountId is { } id ? Users.GetValueOrDefault(id) : seed.Users.Count > 0 ? seed.Users[0] : null;
    }

    public SimulatorSeed Seed { get; }

    public SeedOAuthApp App { get; }

    public IReadOnlyDictionary<string, SeedUser> Users { get; }

    public IReadOnlyDictionary<string, SiteModel> Sites { get; }

    public SeedUser? DefaultUser { get; }

    /// <summary>The sites a user reaches, in seed order.</summary>
    public IEnumerable<SiteModel> SitesOf(SeedUser user) =>
        user.Sites.Select(id => Sites.GetValueOrDefault(id)).OfType<SiteModel>();

    public bool UserHasSite(SeedUser user, string cloudId) =>
        user.Sites.Contains(cloudId, StringComparer.OrdinalIgnoreCase) && Sites.ContainsKey(cloudId);

    public static IEnumerable<string> Validate(SimulatorSeed seed)
    {
        if (string.IsNullOrWhiteSpace(seed.App?.ClientId) || string.IsNullOrWhiteSpace(seed.App.ClientSecret))
        {
            yield return "app.clientId and app.clientSecret are required.";
        }

        var cloudIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in seed.Sites)
        {
            if (!cloudIds.Add(site.CloudId))
            {
                yield return $"Duplicate cloud id '{site.CloudId}'.";
            }

            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var customFields = site.CustomFields.ToDictionary(f => f.Id, StringComparer.Ordinal);
            foreach (var cf in site.CustomFields)
            {
                if (!cf.Id.StartsWith("customfield_", StringComparison.Ordinal) || !CustomTypes.Contains(cf.Type))
                {
                    yield return $"Custom field '{cf.Id}' needs an id 'customfield_N' and a type in {string.Join(", ", CustomTypes)}.";
                }
            }

            foreach (var project in site.Projects)
            {
                if (!keys.Add(project.Key))
                {
                    yield return $"Duplicate project key '{project.Key}' on site '{site.Name}'.";
                }

                foreach (var type in project.IssueTypes)
                {
                    foreach (var field in type.Fields)
                    {
                        if (!SystemFields.Contains(field.Id) && !customFields.ContainsKey(field.Id))
                        {
                            yield return $"Project {project.Key}, issue type {type.Name}: unknown field '{field.Id}'.";
                        }

                        if (project.IsTeamManaged && field.Id == "components")
                        {
                            yield return $"Project {project.Key} is team-managed: components are not available.";
                        }
                    }
                }
            }
        }

        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in seed.Users)
        {
            if (!accountIds.Add(user.AccountId))
            {
                yield return $"Duplicate account id '{user.AccountId}'.";
            }

            foreach (var site in user.Sites.Where(s => !cloudIds.Contains(s)))
            {
                yield return $"User '{user.AccountId}' refers to unknown site '{site}'.";
            }

            foreach (var error in ValidatePermissions(user, seed))
            {
                yield return error;
            }
        }

        if (seed.DefaultAccountId is { } def && !accountIds.Contains(def))
        {
            yield return $"defaultAccountId '{def}' is not a user.";
        }
    }

    private static IEnumerable<string> ValidatePermissions(SeedUser user, SimulatorSeed seed)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var entry in user.Permissions ?? [])
        {
            var where = $"User '{user.AccountId}', permissions for {entry.Project} on {entry.CloudId}";
            if (!seen.Add((entry.CloudId.ToUpperInvariant(), entry.Project.ToUpperInvariant())))
            {
                yield return $"{where}: the project is listed twice.";
            }

            if (!user.Sites.Contains(entry.CloudId, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{where}: the site is not one of the user's sites.";
                continue;
            }

            var site = seed.Sites.FirstOrDefault(s => string.Equals(s.CloudId, entry.CloudId, StringComparison.OrdinalIgnoreCase));
            if (site is null)
            {
                continue;
            }

            if (!site.Projects.Any(p => string.Equals(p.Key, entry.Project, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{where}: no project '{entry.Project}' on site '{site.Name}'.";
            }

            foreach (var field in (entry.HiddenFields ?? []).Where(f => !SystemFields.Contains(f) && !site.CustomFields.Any(c => c.Id == f)))
            {
                yield return $"{where}: hidden field '{field}' is not a field of the site (project and issuetype cannot be hidden).";
            }
        }
    }
}
