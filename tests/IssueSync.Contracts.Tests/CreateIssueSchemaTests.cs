using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IssueSync.Contracts.Tests;

/// <summary>The JSON Schema and example for non-.NET producers stay true to the CreateIssue record.</summary>
public sealed class CreateIssueSchemaTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly string SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "Schema");
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory, "create-issue.schema.json")));

    [Fact]
    public void The_example_is_valid_and_reads_into_CreateIssue()
    {
        var example = File.ReadAllText(Path.Combine(SchemaDirectory, "create-issue.example.json"));

        var result = Schema.Evaluate(JsonNode.Parse(example), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Values)));

        var command = JsonSerializer.Deserialize<CreateIssue>(example, Web)!;
        Assert.Equal("alert-7f3c2a91", command.IdempotencyKey);
        Assert.Equal("Sev2", command.CustomFields!["customfield_10050"].GetString());
    }

    [Fact]
    public void The_schema_names_exactly_the_properties_of_CreateIssue()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaDirectory, "create-issue.schema.json")))!;
        var inSchema = schema["properties"]!.AsObject().Select(p => p.Key).Order().ToList();
        var inRecord = typeof(CreateIssue).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToList();
        Assert.Equal(inRecord, inSchema);

        var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order().ToList();
        var requiredInRecord = typeof(CreateIssue).GetProperties()
            .Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToList();
        Assert.Equal(requiredInRecord, required);
    }

    [Theory]
    [InlineData("""{"connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x"}""", "idempotencyKey")]
    [InlineData("""{"idempotencyKey":"k","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"two\nlines"}""", "summary")]
    [InlineData("""{"idempotencyKey":"k","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x","labels":["has space"]}""", "labels")]
    [InlineData("""{"idempotencyKey":"k","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x","dueDate":"31/12/2026"}""", "dueDate")]
    [InlineData("""{"idempotencyKey":"k","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x","priorty":"High"}""", "priorty")]
    [InlineData("""{"idempotencyKey":"k","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x","descriptionMarkdown":"a","descriptionAdf":{"version":1,"type":"doc","content":[]}}""", "")]
    public void The_schema_rejects_what_the_worker_rejects(string json, string property)
    {
        var result = Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
        if (property.Length > 0)
        {
            Assert.Contains(result.Details, d => d.Errors is not null && (d.InstanceLocation.ToString().Contains(property, StringComparison.Ordinal)
                || d.Errors.Values.Any(e => e.Contains(property, StringComparison.Ordinal))));
        }
    }
}
