namespace IssueSync.Jira.Tests.Adf;

/// <summary>Proves the schema validator really rejects what Jira rejects, so the corpus tests mean something.</summary>
public sealed class AdfSchemaTests
{
    [Fact]
    public async Task Schema_accepts_a_minimal_document()
    {
        Assert.Empty(await AdfSchema.ValidateAsync("""{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"hi","marks":[{"type":"code"},{"type":"link","attrs":{"href":"https://x"}}]}]}]}"""));
        Assert.Empty(await AdfSchema.ValidateAsync("""{"version":1,"type":"doc","content":[]}"""));
    }

    [Theory]
    [InlineData("empty text node", """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""")]
    [InlineData("unknown node type", """{"version":1,"type":"doc","content":[{"type":"widget"}]}""")]
    [InlineData("code combined with strong", """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]}]}""")]
    [InlineData("heading without level", """{"version":1,"type":"doc","content":[{"type":"heading","content":[{"type":"text","text":"x"}]}]}""")]
    [InlineData("unknown property", """{"version":1,"type":"doc","content":[{"type":"paragraph","colour":"red"}]}""")]
    [InlineData("wrong version", """{"version":2,"type":"doc","content":[]}""")]
    [InlineData("empty bullet list", """{"version":1,"type":"doc","content":[{"type":"bulletList","content":[]}]}""")]
    [InlineData("link without href", """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{}}]}]}]}""")]
    public async Task Schema_rejects_invalid_documents(string why, string json)
    {
        var errors = await AdfSchema.ValidateAsync(json);

        Assert.True(errors.Count > 0, $"the schema accepted a document with {why}");
    }

    // NJsonSchema reads "maxItems": 0 as "no limit", so the schema check alone misses marks on code-block text
    // (text_with_no_marks_node); the strict AdfValidator is what catches it, and the corpus runs both.
    [Fact]
    public async Task Schema_check_misses_marked_code_block_text_so_the_strict_validator_covers_it()
    {
        const string Json = """{"version":1,"type":"doc","content":[{"type":"codeBlock","content":[{"type":"text","text":"x","marks":[{"type":"strong"}]}]}]}""";

        Assert.Empty(await AdfSchema.ValidateAsync(Json));
        Assert.False(IssueSync.Jira.Adf.AdfValidator.Validate(Json).IsValid);
    }
}
