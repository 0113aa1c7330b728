using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using IssueSync.Contracts;

namespace IssueSync.Cli.Commands.Publishing;

/// <summary>
/// What <c>publish</c> checks before sending: the line is a JSON object that reads as a <see cref="CreateIssue"/>
/// (required properties present, no unknown ones, as the JSON Schema in docs/contracts says), and the mistakes a
/// producer can see without knowing the Jira project (the same as IssueSync.Producer's checks). The worker checks
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

    /// <summary>The mistakes visible without the Jira project.</summary>
    public static IReadOnlyList<string> Check(CreateIssue command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = new List<string>();
        Require(problems, "idempotencyKey", command.IdempotencyKey);
        if (command.IdempotencyKey is { Length: > 200 })
        {
            problems.Add("idempotencyKey is longer than 200 characters");
        }

        Require(problems, "connectionId", command.ConnectionId);
        Require(problems, "projectKey", command.ProjectKey);
        Require(problems, "issueType", command.IssueType);
        Require(problems, "summary", command.Summary);
        if (command.Summary is { Length: > 255 })
        {
            problems.Add($"summary is {command.Summary.Length} characters; Jira allows at most 255");
        }

        if (command.Summary?.IndexOfAny(['\r', '\n']) >= 0)
        {
            problems.Add("summary must be a single line");
        }

        if (command.DescriptionMarkdown is not null && command.DescriptionAdf is not null)
        {
            problems.Add("give descriptionMarkdown or descriptionAdf, not both");
        }

        foreach (var label in command.Labels ?? [])
        {
            if (string.IsNullOrEmpty(label) || label.Any(char.IsWhiteSpace))
            {
                problems.Add($"label '{label}' is empty or contains whitespace, which Jira rejects");
            }
        }

        if (command.DueDate is { } due && !DateOnly.TryParseExact(due, "yyyy-MM-dd", out _))
        {
            problems.Add($"dueDate '{due}' is not a date in the form yyyy-MM-dd");
        }

        return problems;
    }

    private static void Require(List<string> problems, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name} is required");
        }
    }

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
