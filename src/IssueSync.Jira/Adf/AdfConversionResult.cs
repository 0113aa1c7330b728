using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.Adf;

/// <summary>A converted document, or why it cannot be sent.</summary>
public sealed class AdfConversionResult
{
    private AdfConversionResult(AdfDocument? document, AdfConversionFailure failure, string? error, int serializedLength, bool truncated, int omittedCharacters)
    {
        Document = document;
        Failure = failure;
        Error = error;
        SerializedLength = serializedLength;
        Truncated = truncated;
        OmittedCharacters = omittedCharacters;
    }

    /// <summary>The document, within the size limit.</summary>
    public AdfDocument? Document { get; }

    /// <summary>Why there is no document, e.g. "Description is 40,123 characters as ADF; Jira's limit is 32,767."</summary>
    public string? Error { get; }

    /// <summary>What kind of refusal <see cref="Error"/> is; <see cref="AdfConversionFailure.None"/> on success.</summary>
    public AdfConversionFailure Failure { get; }

    /// <summary>The serialized length of <see cref="Document"/>, or of the oversized document on <see cref="AdfConversionFailure.TooLong"/>; otherwise 0.</summary>
    public int SerializedLength { get; }

    /// <summary>True when text was cut to fit.</summary>
    public bool Truncated { get; }

    /// <summary>How many characters were cut: text cut from the document, plus Markdown cut before parsing.</summary>
    public int OmittedCharacters { get; }

    /// <summary>True when <see cref="Document"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Document is not null;

    internal static AdfConversionResult Converted(AdfDocument document) => new(document, AdfConversionFailure.None, null, document.SerializedLength, false, 0);

    internal static AdfConversionResult TruncatedTo(AdfDocument document, int omittedCharacters) =>
        new(document, AdfConversionFailure.None, null, document.SerializedLength, true, omittedCharacters);

    internal static AdfConversionResult Refused(AdfConversionFailure failure, string error, int serializedLength = 0) =>
        new(null, failure, error, serializedLength, false, 0);
}
