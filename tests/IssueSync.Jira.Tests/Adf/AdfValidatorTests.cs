using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Tests.Adf.Support;

namespace IssueSync.Jira.Tests.Adf;

public sealed class AdfValidatorTests
{
    private static string Doc(string content) => $$"""{"version":1,"type":"doc","content":[{{content}}]}""";

    private static string P(string inline) => $$"""{"type":"paragraph","content":[{{inline}}]}""";

    [Fact]
    public void Validate_accepts_every_supported_node()
    {
        var json = Doc(string.Join(",",
            P("""{"type":"text","text":"a","marks":[{"type":"strong"},{"type":"em"},{"type":"link","attrs":{"href":"https://e.com","title":"t"}}]},{"type":"hardBreak"},{"type":"mention","attrs":{"id":"acc-1","text":"@A"}},{"type":"emoji","attrs":{"shortName":":smile:"}},{"type":"date","attrs":{"timestamp":"1582152559"}},{"type":"status","attrs":{"text":"OK","color":"green"}},{"type":"inlineCard","attrs":{"url":"https://e.com"}}"""),
            """{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"h"}]}""",
            """{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}""",
            """{"type":"orderedList","attrs":{"order":3},"content":[{"type":"listItem","content":[{"type":"codeBlock","attrs":{"language":"js"},"content":[{"type":"text","text":"x"}]}]}]}""",
            """{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"q"}]}]}""",
            """{"type":"panel","attrs":{"panelType":"info"},"content":[{"type":"paragraph"}]}""",
            """{"type":"rule"}""",
            """{"type":"table","attrs":{"isNumberColumnEnabled":false,"layout":"default"},"content":[{"type":"tableRow","content":[{"type":"tableHeader","attrs":{"colspan":1},"content":[{"type":"paragraph"}]},{"type":"tableCell","content":[{"type":"paragraph"}]}]}]}"""));

        var result = AdfValidator.Validate(json);

        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"ok"},{"type":"text","text":""}]}""", "content[0].content[1]: text node must not be empty")]
    [InlineData("""{"type":"widget"}""", "content[0]: unknown or unsupported node type 'widget'")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]}""", "content[0].content[0].marks: the code mark cannot be combined with 'strong' (only with link)")]
    [InlineData("""{"type":"heading","content":[{"type":"text","text":"x"}]}""", "content[0].attrs: heading needs attrs.level")]
    [InlineData("""{"type":"heading","attrs":{"level":7}}""", "content[0].attrs.level: heading level must be an integer from 1 to 6")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{}}]}]}""", "content[0].content[0].marks[0].attrs: link needs attrs.href")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}""", "content[0].content[0].marks[0].attrs.href: link href 'javascript:alert(1)' must be an absolute http, https or mailto URL")]
    [InlineData("""{"type":"codeBlock","content":[{"type":"text","text":"x","marks":[{"type":"em"}]}]}""", "content[0].content[0].marks: text inside a codeBlock must not have marks")]
    [InlineData("""{"type":"bulletList","content":[]}""", "content[0]: bulletList must contain at least one listItem")]
    [InlineData("""{"type":"bulletList","content":[{"type":"listItem","content":[]}]}""", "content[0].content[0]: listItem must contain at least one block")]
    [InlineData("""{"type":"paragraph","colour":"red"}""", "content[0]: unknown property 'colour' on paragraph")]
    [InlineData("""{"type":"text","text":"loose"}""", "content[0]: 'text' is not allowed inside 'doc' (allowed: paragraph, heading, bulletList, orderedList, codeBlock, blockquote, panel, rule, table, blockCard, embedCard)")]
    [InlineData("""{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"heading","attrs":{"level":1}}]}]}""", "content[0].content[0].content[0]: 'heading' is not allowed inside 'listItem' (allowed: paragraph, bulletList, orderedList, codeBlock)")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"strong"},{"type":"strong"}]}]}""", "content[0].content[0].marks[1]: mark 'strong' appears twice")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"textColor","attrs":{"color":"red"}}]}]}""", "content[0].content[0].marks[0].attrs.color: must be a colour like #ff5630")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"strong","attrs":{}}]}]}""", "content[0].content[0].marks[0]: mark 'strong' takes no attrs")]
    [InlineData("""{"type":"panel","attrs":{"panelType":"purple"},"content":[{"type":"paragraph"}]}""", "content[0].attrs.panelType: must be one of info, note, tip, warning, error, success, custom")]
    [InlineData("""{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[]}]}]}""", "content[0].content[0].content[0]: tableCell must contain at least one block")]
    [InlineData("""{"type":"paragraph","content":[{"type":"text","text":"x","id":1}]}""", "content[0].content[0]: unknown property 'id' on text")]
    public void Validate_reports_the_specific_error_with_its_path(string block, string expected)
    {
        var result = AdfValidator.Validate(Doc(block));

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("""{"version":2,"type":"doc","content":[]}""", "version: must be 1")]
    [InlineData("""{"version":1,"type":"document","content":[]}""", "type: must be \"doc\"")]
    [InlineData("""{"version":1,"type":"doc"}""", "content: must be an array of blocks")]
    [InlineData("""{"version":1,"type":"doc","content":[],"extra":true}""", "doc: unknown property 'extra'")]
    [InlineData("""[]""", "doc: an ADF document must be a JSON object")]
    [InlineData("""{"version":1""", "doc: not valid JSON")]
    public void Validate_checks_the_root(string json, string expected)
    {
        var result = AdfValidator.Validate(json);

        Assert.Contains(result.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_reports_every_error_not_just_the_first()
    {
        var result = AdfValidator.Validate(Doc(P("""{"type":"text","text":""},{"type":"text","text":"x","marks":[{"type":"bogus"}]}""")));

        Assert.Equal(["content[0].content[0]: text node must not be empty", "content[0].content[1].marks[0]: unknown or unsupported mark 'bogus'"], result.Errors.Select(e => e.ToString()));
    }

    private static string Card(string type, string attrs) => $$$"""{"type":"{{{type}}}","attrs":{{{attrs}}}}""";

    private static string InlineCard(string attrs) => P(Card("inlineCard", attrs));

    // A JSON-LD description like the ones Atlassian's smart links carry.
    private const string JsonLd = """{"@context":{"@vocab":"https://www.w3.org/ns/activitystreams#","schema":"http://schema.org/"},"@type":["Document","schema:TextDigitalDocument"],"@id":"ari:cloud:jira::issue/10000","url":"https://acme.atlassian.net/browse/OPS-1","name":"Disk full (see http://wiki)","generator":{"@type":"Application","name":"Jira","icon":{"@type":"Image","url":"https://acme.atlassian.net/favicon.ico"}}}""";

    public static TheoryData<string, string> AcceptedCards() => new()
    {
        { "inline card with a url", InlineCard("""{"url":"https://e.com/x","localId":"c1"}""") },
        { "inline card with JSON-LD data", InlineCard($$"""{"data":{{JsonLd}}}""") },
        { "block card with a url", Card("blockCard", """{"url":"https://e.com/x"}""") },
        { "block card with data", Card("blockCard", $$"""{"data":{{JsonLd}}}""") },
        { "block card with a datasource", Card("blockCard", """{"url":"https://e.com/q","layout":"wide","width":80,"datasource":{"id":"ds-1","parameters":{"jql":"project = OPS","cloudId":"c-1"},"views":[{"type":"table","properties":{"columns":[{"key":"summary"}]}}]}}""") },
        { "embed card", Card("embedCard", """{"url":"https://e.com/x","layout":"center","width":50,"originalHeight":300,"originalWidth":400}""") },
        { "block card in a panel", """{"type":"panel","attrs":{"panelType":"info"},"content":[{"type":"blockCard","attrs":{"url":"https://e.com"}}]}""" },
        { "embed card in a table cell", """{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"embedCard","attrs":{"url":"https://e.com","layout":"center"}}]}]}]}""" },
    };

    public static TheoryData<string, string> RefusedCards() => new()
    {
        { InlineCard("""{"url":"javascript:alert(1)"}"""), "content[0].content[0].attrs.url: card url 'javascript:alert(1)' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"url":"https://e.com","data":{}}"""), "content[0].content[0].attrs: inlineCard takes attrs.url or attrs.data, not both" },
        { InlineCard("""{"localId":"c1"}"""), "content[0].content[0].attrs: inlineCard needs attrs.url or attrs.data" },
        { P("""{"type":"inlineCard"}"""), "content[0].content[0].attrs: inlineCard needs attrs" },
        { InlineCard("""{"data":"https://e.com"}"""), "content[0].content[0].attrs.data: card data must be a JSON-LD object" },
        { InlineCard("""{"data":{"url":"javascript:alert(1)"}}"""), "content[0].content[0].attrs.data.url: card data url 'javascript:alert(1)' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"data":{"generator":{"icon":{"url":"data:image/svg+xml;base64,PHN2Zz4="}}}}"""), "content[0].content[0].attrs.data.generator.icon.url: card data url 'data:image/svg+xml;base64,PHN2Zz4=' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"data":{"preview":{"embedHref":"vbscript:x"}}}"""), "content[0].content[0].attrs.data.preview.embedHref: card data url 'vbscript:x' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"data":{"links":{"url":["https://e.com","file:///etc/passwd"]}}}"""), "content[0].content[0].attrs.data.links.url[1]: card data url 'file:///etc/passwd' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"data":{"name":"javascript://%0aalert(1)"}}"""), "content[0].content[0].attrs.data.name: card data url 'javascript://%0aalert(1)' must be an absolute http, https or mailto URL" },
        { InlineCard("""{"url":"https://e.com","extra":1}"""), "content[0].content[0].attrs: unknown attribute 'extra' on inlineCard" },
        { P("""{"type":"inlineCard","attrs":{"url":"https://e.com"},"marks":[{"type":"strong"}]}"""), "content[0].content[0]: unknown property 'marks' on inlineCard" },
        { Card("blockCard", """{"layout":"wide"}"""), "content[0].attrs: blockCard needs attrs.url, attrs.data or attrs.datasource" },
        { Card("blockCard", """{"url":"javascript:alert(1)"}"""), "content[0].attrs.url: card url 'javascript:alert(1)' must be an absolute http, https or mailto URL" },
        { Card("blockCard", """{"url":"https://e.com","width":5}"""), "content[0].attrs: unknown attribute 'width' on blockCard" },
        { Card("blockCard", """{"datasource":{"id":"ds","parameters":{"href":"javascript:x"},"views":[{"type":"table"}]}}"""), "content[0].attrs.datasource.parameters.href: card data url 'javascript:x' must be an absolute http, https or mailto URL" },
        { Card("blockCard", """{"datasource":{"id":"ds","parameters":{},"views":[]}}"""), "content[0].attrs.datasource.views: must be an array of at least one view" },
        { Card("blockCard", """{"datasource":{"id":"ds","views":[{"type":"table"}]}}"""), "content[0].attrs.datasource: datasource needs attrs.parameters" },
        { Card("embedCard", """{"url":"https://e.com"}"""), "content[0].attrs: embedCard needs attrs.layout" },
        { Card("embedCard", """{"url":"https://e.com","layout":"center","width":101}"""), "content[0].attrs.width: must be a number from 0 to 100" },
        { Card("embedCard", """{"url":"mailto","layout":"center"}"""), "content[0].attrs.url: card url 'mailto' must be an absolute http, https or mailto URL" },
        { """{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"blockCard","attrs":{"url":"https://e.com"}}]}]}""", "content[0].content[0].content[0]: 'blockCard' is not allowed inside 'listItem' (allowed: paragraph, bulletList, orderedList, codeBlock)" },
    };

    [Theory]
    [MemberData(nameof(AcceptedCards))]
    public async Task Validate_accepts_cards_the_schema_accepts(string why, string block)
    {
        var json = Doc(block);

        Assert.True(AdfValidator.Validate(json).IsValid, $"{why}: {AdfValidator.Validate(json)}");
        Assert.Empty(await AdfSchema.ValidateAsync(json));
    }

    [Theory]
    [MemberData(nameof(RefusedCards))]
    public void Validate_refuses_cards_with_unsafe_urls_or_the_wrong_shape(string block, string expected)
    {
        var result = AdfValidator.Validate(Doc(block));

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task The_schema_also_refuses_a_card_with_both_url_and_data()
    {
        Assert.NotEmpty(await AdfSchema.ValidateAsync(Doc(InlineCard("""{"url":"https://e.com","data":{}}"""))));
    }

    [Fact]
    public async Task Validate_refuses_adf_nested_100000_deep_without_crashing_the_process()
    {
        var outcome = await ChildProcess.RunAsync("adf-nested-100000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.EndsWith(": nested deeper than 62 levels of JSON, the most a description may have (JSON readers and writers stop at 64, and the issue request wraps the description in 2 more)", outcome.Output, StringComparison.Ordinal);
        Assert.StartsWith("content[0].content[0].content[0]", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_refuses_json_text_nested_100000_deep_as_too_deep_not_as_broken_json()
    {
        var outcome = await ChildProcess.RunAsync("adf-text-nested-100000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains(": nested deeper than 62 levels of JSON", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_the_deepest_document_allowed_and_names_the_first_level_too_deep()
    {
        // 28 list levels (doc 1, content 2, list 3, content 4 …) put the paragraph at 59, its text at 61 and the
        // text's marks array at 62: the deepest allowed. A mark inside that array is level 63.
        static JsonObject Nested(JsonArray marks) => HostileInputs.NestedAdf(28, new JsonObject
        {
            ["type"] = "paragraph",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "deep", ["marks"] = marks }),
        });
        var deepest = Nested([]);
        var tooDeep = Nested([new JsonObject { ["type"] = "strong" }]);

        Assert.Equal(62, JsonDepth(deepest));
        Assert.True(AdfValidator.Validate(deepest).IsValid, AdfValidator.Validate(deepest).ToString());
        var error = Assert.Single(AdfValidator.Validate(tooDeep).Errors);
        Assert.Equal(string.Join(".", Enumerable.Repeat("content[0]", 30)) + ".marks[0]", error.Path);
        Assert.StartsWith("nested deeper than 62 levels of JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_more_json_values_than_any_document_within_jiras_limit_can_have()
    {
        var rules = new JsonArray([.. Enumerable.Range(0, AdfValidator.MaxValues).Select(_ => (JsonNode)new JsonObject { ["type"] = "rule" })]);
        var document = new JsonObject { ["version"] = 1, ["type"] = "doc", ["content"] = rules };

        var result = AdfValidator.Validate(document);

        Assert.Equal("doc: more than 16,384 JSON values; no document within Jira's 32,767-character limit has that many", Assert.Single(result.Errors).ToString());
        Assert.True(AdfLength.Measure(document) > AdfJson.MaxLength);
    }

    [Fact]
    public void Check_reports_structure_first_then_length()
    {
        var invalid = AdfValidator.Check(JsonNode.Parse(Doc("""{"type":"widget"}""")));
        var valid = AdfValidator.Check(JsonNode.Parse(Doc(P("""{"type":"text","text":"hi"}"""))));

        Assert.False(invalid.IsAcceptable);
        Assert.Equal("The description is not valid Atlassian Document Format: content[0]: unknown or unsupported node type 'widget'", invalid.Error);
        Assert.True(valid.IsAcceptable);
        Assert.Null(valid.Error);
        Assert.Equal(Doc(P("""{"type":"text","text":"hi"}""")).Length, valid.SerializedLength);
    }

    private static int JsonDepth(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Select(p => JsonDepth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray array => 1 + array.Select(JsonDepth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
