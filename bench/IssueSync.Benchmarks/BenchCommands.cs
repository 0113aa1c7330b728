using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using IssueSync.Contracts;

namespace IssueSync.Benchmarks;

/// <summary>
/// The commands of a run, as raw JSON a producer in any language writes: the same shape for the worker, the ceiling
/// and the baseline. Each summary carries the marker <c>[key]</c> by which the simulator's record finds its issue.
/// </summary>
public static partial class BenchCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Key(string prefix, int index) => $"{prefix}{index:D6}";

    public static CreateIssue Command(string key, string connection) => new()
    {
        IdempotencyKey = key,
        ConnectionId = connection,
        ProjectKey = "OPS",
        IssueType = "Task",
        Summary = $"Checkout returns 500 on host-{key.Length % 40} [{key}]",
        DescriptionMarkdown = $"## What happened\n\nThe benchmark published **{key}**.\n\n- check `/var/lib/app`\n- rotate logs\n\n```\nstack trace line 1\nstack trace line 2\n```",
        Priority = "Medium",
        Labels = ["bench", "ops"],
        CorrelationId = "corr-" + key,
    };

    public static byte[] Serialize(CreateIssue command) => JsonSerializer.SerializeToUtf8Bytes(command, Json);

    public static CreateIssue? Deserialize(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<CreateIssue>(body, Json);

    /// <summary>The idempotency key in an issue's summary, or null.</summary>
    public static string? MarkerOf(string summary)
    {
        var match = MarkerPattern().Match(summary ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\[([A-Za-z0-9_.:-]+)\]\s*$")]
    private static partial Regex MarkerPattern();
}
