using System.Globalization;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.Api;

/// <summary>Jira's JSON shapes for seed objects.</summary>
internal static class JiraShapes
{
    public static Dictionary<string, object?> IssueType(string apiBase, SeedProject project, SeedIssueType type)
    {
        var shape = new Dictionary<string, object?>
        {
            ["self"] = $"{apiBase}/issuetype/{type.Id}",
            ["id"] = type.Id,
            ["description"] = type.Description,
            ["iconUrl"] = $"{apiBase}/universal_avatar/view/type/issuetype/avatar/{type.Id}?size=medium",
            ["name"] = type.Name,
            ["untranslatedName"] = type.Name,
            ["subtask"] = type.Subtask,
            ["avatarId"] = 10300 + (int.TryParse(type.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n % 100 : 0),
            ["hierarchyLevel"] = type.HierarchyLevel,
        };
        if (project.IsTeamManaged)
        {
            shape["entityId"] = DeterministicGuid(project.Id + "/" + type.Id);
            shape["scope"] = new Dictionary<string, object> { ["type"] = "PROJECT", ["project"] = new Dictionary<string, object> { ["id"] = project.Id } };
        }

        return shape;
    }

    public static Dictionary<string, object?> Project(string apiBase, SeedProject project) => new()
    {
        ["self"] = $"{apiBase}/project/{project.Id}",
        ["id"] = project.Id,
        ["key"] = project.Key,
        ["name"] = project.Name,
        ["projectTypeKey"] = "software",
        ["simplified"] = project.IsTeamManaged,
        ["style"] = project.IsTeamManaged ? "next-gen" : "classic",
    };

    public static Dictionary<string, object?> Priority(string apiBase, SeedPriority priority) => new()
    {
        ["self"] = $"{apiBase}/priority/{priority.Id}",
        ["iconUrl"] = $"{apiBase}/images/icons/priorities/{priority.Name.ToLowerInvariant()}.svg",
        ["name"] = priority.Name,
        ["id"] = priority.Id,
    };

    public static Dictionary<string, object?> Component(string apiBase, SeedComponent component) => new()
    {
        ["self"] = $"{apiBase}/component/{component.Id}",
        ["id"] = component.Id,
        ["name"] = component.Name,
    };

    public static Dictionary<string, object?> Option(string apiBase, SeedOption option) => new()
    {
        ["self"] = $"{apiBase}/customFieldOption/{option.Id}",
        ["value"] = option.Value,
        ["id"] = option.Id,
    };

    public static Dictionary<string, object?> User(string apiBase, SeedUser user) => new()
    {
        ["self"] = $"{apiBase}/user?accountId={user.AccountId}",
        ["accountId"] = user.AccountId,
        ["displayName"] = user.DisplayName,
        ["active"] = true,
        ["accountType"] = "atlassian",
    };

    /// <summary>Jira's timestamp format: <c>2026-03-02T10:00:00.000+0000</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    private static string DeterministicGuid(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
