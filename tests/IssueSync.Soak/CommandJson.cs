using System.Text.Json;
using System.Text.Json.Serialization;
using IssueSync.Contracts;

namespace IssueSync.Soak;

/// <summary>A command as a producer in another language would write it: the bare object, camelCase, nulls left out.</summary>
public static class CommandJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Serialize(CreateIssue command) => JsonSerializer.SerializeToUtf8Bytes(command, Options);
}
