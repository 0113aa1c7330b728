using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using IssueSync.Contracts;

namespace IssueSync.Cli.Commands.Publishing;

/// <summary>
/// What <c>publish</c> checks before sending: the line is a JSON object that reads as a <see cref="CreateIssue"/>
/// (required properties present, no unknown ones, as the JSON Schema in docs/contracts says), and the mistakes a
/// producer can see without knowing the Jira project (CreateIssueRules, shared with the producer and the worker). The worker checks
/// everything else against Jira's create metadata.
/// </summary>
public static partial class CommandChecks
{
    private static readonly JsonSerializerOptions StrictOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads one JSON Lines line. Returns the problems (empty when it may be sent).</summary>
    public static IReadOnlyList<string> CheckLine(string line, out JsonElement command)
    {
        command = default;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return [$"not valid JSON: {Clean(ex.Message)}"];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return [$"expected a CreateIssue JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}"];
        }

        CreateIssue? parsed;
        try
        {
            parsed = root.Deserialize<CreateIssue>(StrictOptions);
        }
        catch (JsonException ex)
        {
            return [$"not a CreateIssue: {Clean(ex.Message)}"];
        }

        if (parsed is null)
        {
            return ["not a CreateIssue"];
        }

        var problems = Check(parsed);
        if (problems.Count == 0)
        {
            command = root;
        }

        return problems;
    }

    /// <summary>The mistakes visible without the Jira project (<see cref="CreateIssueRules"/>, shared with the worker).</summary>
    public static IReadOnlyList<string> Check(CreateIssue command) =>
        CreateIssueRules.Check(command).Select(e => $"{e.Field}: {e.Message}").ToList();

    // System.Text.Json speaks of .NET types and appends positions meant for a whole document; say it in the JSON's terms.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
        var unknown = UnknownProperty().Match(text);
        if (unknown.Success)
        {
            return $"unknown property '{unknown.Groups["name"].Value}'";
        }

        var missing = MissingProperties().Match(text);
        return missing.Success ? $"missing required properties: {missing.Groups["names"].Value}" : text;
    }

    [GeneratedRegex(@"^The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"was missing required properties(?: including)?: (?<names>.*)$")]
    private static partial Regex MissingProperties();
}
