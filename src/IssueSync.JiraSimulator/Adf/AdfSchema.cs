using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IssueSync.JiraSimulator.Adf;

/// <summary>
/// Atlassian's official ADF JSON schema (<c>@atlaskit/adf-schema</c> full.json, embedded; see <c>Adf/README.md</c>),
/// built once and evaluated with JsonSchema.Net node by node (<see cref="NodeByNodeSchema"/>, same meaning, a
/// thousand times faster). The file declares draft-04, which JsonSchema.Net 7 does not implement; it is evaluated as
/// draft-07, where every keyword it uses means the same.
/// </summary>
internal static class AdfSchema
{
    private const string Resource = "IssueSync.JiraSimulator.adf-full.schema.json";

    private static readonly Lazy<NodeByNodeSchema> Schema = new(() => new NodeByNodeSchema(Load()));

    private static readonly Lazy<JsonSchema> Whole = new(() => JsonSchema.FromText(Load().ToJsonString()));

    /// <summary>True when <paramref name="document"/> conforms to the schema.</summary>
    public static bool Accepts(JsonElement document) => Schema.Value.Accepts(JsonNode.Parse(document.GetRawText()));

    /// <summary>The schema evaluated whole, as the file has it: slow (up to seconds per document), for tests that check both agree.</summary>
    internal static bool AcceptsWhole(JsonElement document) =>
        Whole.Value.Evaluate(JsonNode.Parse(document.GetRawText()), new EvaluationOptions { EvaluateAs = SpecVersion.Draft7, OutputFormat = OutputFormat.Flag }).IsValid;

    private static JsonObject Load()
    {
        using var stream = typeof(AdfSchema).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        var root = JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidOperationException("The ADF schema is empty.");
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        return root;
    }
}
