using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.Adf;

/// <summary>A converted document, or why it cannot be sent.</summary>
public sealed class AdfConversionResult
{
    internal AdfConversionResult(AdfDocument? document, string? error, int serializedLength, bool truncated = false, int omittedCharacters = 0)
    {
        Truncated = truncated;
        Document = document;
        Error = error;
        SerializedLength = serializedLength;
        OmittedCharacters = omittedCharacters;
    }

    /// <summary>The document, within the size limit.</summary>
    public AdfDocument? Document { get; }

    /// <summary>Why there is no document, e.g. "Description is 40,123 characters as ADF; Jira's limit is 32,767."</summary>
    public string? Error { get; }

    /// <summary>The serialized length of <see cref="Document"/>, or of the oversized document on error.</summary>
    public int SerializedLength { get; }

    /// <summary>True when text was cut to fit.</summary>
    public bool Truncated { get; }

    /// <summary>How many characters of text were cut.</summary>
    public int OmittedCharacters { get; }

    /// <summary>True when <see cref="Document"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Document is not null;
}
