using System.Text.Encodings.Web;
using System.Text.Json;

namespace IssueSync.Jira.Adf;

/// <summary>How ADF is serialized: non-ASCII text is kept as is, so the size counts characters, not escapes.</summary>
public static class AdfJson
{
    /// <summary>Jira's limit on a text field, applied to the serialized ADF document.</summary>
    public const int MaxLength = 32_767;

    /// <summary>Compact serialization (what is sent and measured).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Indented serialization, for people.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
