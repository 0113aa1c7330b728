using System.Diagnostics.CodeAnalysis;

namespace IssueSync.Jira.Adf;

/// <summary>Caller-supplied ADF checked for sending: its structure and its length as Jira counts it.</summary>
public sealed class AdfCheckResult
{
    internal AdfCheckResult(AdfValidationResult validation, int serializedLength, int maxLength)
    {
        Validation = validation;
        SerializedLength = serializedLength;
        MaxLength = maxLength;
    }

    /// <summary>The structural check (<see cref="AdfValidator.Validate(System.Text.Json.Nodes.JsonNode)"/>).</summary>
    public AdfValidationResult Validation { get; }

    /// <summary>The document's length as Jira counts it (<see cref="AdfLength.Measure"/>).</summary>
    public int SerializedLength { get; }

    /// <summary>The limit it was checked against (Jira's 32,767 by default).</summary>
    public int MaxLength { get; }

    /// <summary>True when the document is longer than <see cref="MaxLength"/>.</summary>
    public bool IsTooLong => SerializedLength > MaxLength;

    /// <summary>True when the document is valid and within the limit: it can be sent.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAcceptable => Validation.IsValid && !IsTooLong;

    /// <summary>
    /// Why it cannot be sent, one sentence: the first structural error
    /// ("The description is not valid Atlassian Document Format: content[0]: …"), else the length
    /// ("Description is 40,123 characters as ADF; Jira's limit is 32,767."); null when acceptable.
    /// </summary>
    public string? Error => !Validation.IsValid
        ? $"The description is not valid Atlassian Document Format: {Validation.Errors[0]}"
        : IsTooLong ? MarkdownToAdfConverter.TooLongMessage(SerializedLength, MaxLength) : null;
}
