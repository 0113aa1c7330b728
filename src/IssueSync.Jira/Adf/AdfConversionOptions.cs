namespace IssueSync.Jira.Adf;

/// <summary>How Markdown becomes ADF.</summary>
public sealed record AdfConversionOptions
{
    /// <summary>Twice Jira's limit: real Markdown grows when it becomes ADF, so a longer source cannot fit.</summary>
    public const int DefaultMaxMarkdownLength = 2 * AdfJson.MaxLength;

    /// <summary>The most <see cref="MaxMarkdownLength"/> may be set to: the worker's message size limit (256 KiB).</summary>
    public const int MaxMarkdownLengthCeiling = 256 * 1024;

    /// <summary>The size limit on the serialized document (Jira's 32,767 by default).</summary>
    public int MaxLength { get; init; } = AdfJson.MaxLength;

    /// <summary>
    /// Over the limit: false (default) gives an error; true keeps the leading blocks that fit and ends with a
    /// visible paragraph saying how many characters were cut. It also lets Markdown longer than
    /// <see cref="MaxMarkdownLength"/> through: the source is cut to that length before it is parsed.
    /// </summary>
    public bool TruncateToLimit { get; init; }

    /// <summary>
    /// The longest Markdown source converted (UTF-16 units, default 65,534). Longer sources are refused before any
    /// parsing, or cut to this length when <see cref="TruncateToLimit"/> is set.
    /// </summary>
    public int MaxMarkdownLength { get; init; } = DefaultMaxMarkdownLength;

    /// <summary>
    /// A last resort after the parser's caps: a conversion still running after this long (wall time, default 5 s)
    /// stops at the next check and is refused. Markdig's parser cannot be interrupted; the checks are between
    /// paragraphs and while rendering.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for <see cref="TimeBudget"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
