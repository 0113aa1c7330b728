namespace IssueSync.Jira.Adf;

/// <summary>How Markdown becomes ADF.</summary>
public sealed record AdfConversionOptions
{
    /// <summary>The size limit on the serialized document (Jira's 32,767 by default).</summary>
    public int MaxLength { get; init; } = AdfJson.MaxLength;

    /// <summary>
    /// Over the limit: false (default) gives an error; true keeps the leading blocks that fit and ends with a
    /// visible paragraph saying how many characters were cut.
    /// </summary>
    public bool TruncateToLimit { get; init; }
}
