namespace IssueSync.Jira.Adf;

/// <summary>Why a Markdown description was not converted.</summary>
public enum AdfConversionFailure
{
    /// <summary>Converted: no failure.</summary>
    None,

    /// <summary>The ADF is longer than the limit (Jira's 32,767 characters); truncation can fix it.</summary>
    TooLong,

    /// <summary>The Markdown is longer than <see cref="AdfConversionOptions.MaxMarkdownLength"/>; truncation can fix it.</summary>
    MarkdownTooLong,

    /// <summary>The Markdown is built so that parsing it would take too long (e.g. thousands of unclosed links).</summary>
    TooComplex,

    /// <summary>Block quotes or lists nested deeper than the Markdown parser accepts.</summary>
    TooDeeplyNested,

    /// <summary>The conversion ran past <see cref="AdfConversionOptions.TimeBudget"/>.</summary>
    TimedOut,

    /// <summary>The Markdown parser or the conversion failed in an unexpected way; <see cref="AdfConversionResult.Error"/> says how.</summary>
    Unexpected,
}
