namespace IssueSync.Jira.Metadata;

/// <summary>A field on an issue type's create screen (createmeta <c>FieldCreateMetadata</c>).</summary>
public sealed record CreateMetaField
{
    /// <summary>The field id, e.g. <c>priority</c> or <c>customfield_10050</c>.</summary>
    public required string FieldId { get; init; }

    /// <summary>The field key (usually equal to the id).</summary>
    public string Key { get; init; } = "";

    /// <summary>The display name, e.g. <c>Priority</c>.</summary>
    public required string Name { get; init; }

    /// <summary>True when the field must have a value.</summary>
    public bool Required { get; init; }

    /// <summary>True when Jira fills in a default if the field is left out.</summary>
    public bool HasDefaultValue { get; init; }

    /// <summary>The operations allowed at create, e.g. <c>set</c>.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>The value type.</summary>
    public required FieldSchema Schema { get; init; }

    /// <summary>The allowed values, when the field has a fixed list (priority, components, select fields).</summary>
    public IReadOnlyList<AllowedValue> AllowedValues { get; init; } = [];

    /// <summary>True when Jira sent an <c>allowedValues</c> array (it may be empty).</summary>
    public bool HasAllowedValues { get; init; }
}
