using System.Text.Encodings.Web;
using System.Text.Json;

namespace IssueSync.Jira.Adf;

/// <summary>How ADF is serialized, and the limits a document sent to Jira must keep.</summary>
public static class AdfJson
{
    /// <summary>
    /// Jira's limit on a text field, applied to the serialized ADF document as <see cref="AdfLength.Measure"/>
    /// counts it (UTF-16 code units of the compact, unescaped JSON).
    /// </summary>
    public const int MaxLength = 32_767;

    /// <summary>
    /// The deepest JSON nesting a document may have, counting the <c>doc</c> object as level 1. System.Text.Json
    /// reads and writes at most 64 levels by default (this library's serializer, the Jira client, MassTransit), and
    /// the create-issue body <c>{"fields":{"description":…}}</c> takes two of them. Nested bullet lists cost four
    /// levels each, so this allows 13 of them inside each other.
    /// </summary>
    public const int MaxDepth = 62;

    /// <summary>Compact serialization (what is sent). Characters outside the BMP are still escaped; Jira counts them unescaped.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented serialization, for people.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
