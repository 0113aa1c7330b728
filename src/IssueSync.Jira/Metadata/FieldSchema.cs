namespace IssueSync.Jira.Metadata;

/// <summary>A field's value type (<c>JsonTypeBean</c>).</summary>
/// <param name="Type">e.g. <c>string</c>, <c>array</c>, <c>option</c>, <c>user</c>, <c>number</c>, <c>date</c>, <c>priority</c>.</param>
/// <param name="Items">The element type of an array, e.g. <c>option</c>, <c>component</c>, <c>string</c>.</param>
/// <param name="System">The system field name, for system fields.</param>
/// <param name="Custom">The custom field type URI, e.g. <c>com.atlassian.jira.plugin.system.customfieldtypes:select</c>.</param>
/// <param name="CustomId">The custom field's numeric id.</param>
public sealed record FieldSchema(string Type, string? Items = null, string? System = null, string? Custom = null, long? CustomId = null);
