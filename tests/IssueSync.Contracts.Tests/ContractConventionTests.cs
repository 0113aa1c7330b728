using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace IssueSync.Contracts.Tests;

/// <summary>The contract assembly is the wire format: these rules keep it stable and dependency-free.</summary>
public sealed class ContractConventionTests
{
    private static readonly Assembly Contracts = typeof(CreateIssue).Assembly;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Contracts_reference_nothing_but_the_framework()
    {
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard",
            $"IssueSync.Contracts must not depend on {name}"));
    }

    [Fact]
    public void Every_message_is_a_public_sealed_record_in_the_contracts_namespace()
    {
        var messages = Contracts.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract).ToList();
        Assert.Contains(typeof(CreateIssue), messages);
        foreach (var type in messages)
        {
            Assert.Equal("IssueSync.Contracts", type.Namespace);
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            Assert.NotNull(type.GetMethod("<Clone>$"));
        }
    }

    [Fact]
    public void Every_contract_property_is_init_only()
    {
        foreach (var property in Contracts.GetExportedTypes().Where(t => t.IsClass).SelectMany(t => t.GetProperties()))
        {
            var setter = property.SetMethod;
            Assert.True(setter is null || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)),
                $"{property.DeclaringType!.Name}.{property.Name} must be init-only");
        }
    }

    [Fact]
    public void A_raw_json_command_from_another_language_reads_into_CreateIssue()
    {
        const string json = """
            {"idempotencyKey":"alert-42","connectionId":"acme","projectKey":"OPS","issueType":"Bug",
             "summary":"Checkout returns 500","descriptionMarkdown":"## Steps","priority":"High",
             "labels":["checkout"],"dueDate":"2026-12-01","customFields":{"customfield_10050":"Sev2"}}
            """;

        var command = JsonSerializer.Deserialize<CreateIssue>(json, Web)!;

        Assert.Equal("alert-42", command.IdempotencyKey);
        Assert.Equal("Sev2", command.CustomFields!["customfield_10050"].GetString());
        Assert.Equal(["checkout"], command.Labels!);
    }

    [Fact]
    public void A_command_without_its_idempotency_key_cannot_be_read()
    {
        const string json = """{"connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"x"}""";
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CreateIssue>(json, Web));
        Assert.Contains("idempotencyKey", error.Message, StringComparison.Ordinal);
    }
}
