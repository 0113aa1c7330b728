using System.Text.Json;

namespace IssueSync.Jira.Metadata;

/// <summary>One allowed value of a field: a priority, component, option, version...</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name (priorities, components, versions).</param>
/// <param name="Value">Its value (select options).</param>
/// <param name="Raw">The value exactly as Jira sent it.</param>
public sealed record AllowedValue(string? Id, string? Name, string? Value, JsonElement Raw)
{
    /// <summary>The name or the value, whichever the field uses.</summary>
    public string? Label => Name ?? Value;
}
