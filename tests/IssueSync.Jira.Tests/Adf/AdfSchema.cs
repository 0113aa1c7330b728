using NJsonSchema;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Atlassian's published ADF JSON schema (draft-04), validated with NJsonSchema.</summary>
internal static class AdfSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Adf", "Schema", "adf-full.schema.json")));

    public static async Task<IReadOnlyList<string>> ValidateAsync(string json)
    {
        var schema = await Schema.Value;
        return [.. schema.Validate(json).Select(e => e.ToString())];
    }
}
