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

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("/relative")]
    public void Validate_refuses_an_inline_card_with_an_unsafe_url(string url)
    {
        var result = AdfValidator.Validate(Doc(P($$$"""{"type":"inlineCard","attrs":{"url":"{{{url}}}"}}""")));

        Assert.Contains($"content[0].content[0].attrs.url: card url '{url}' must be an absolute http, https or mailto URL", result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Validate_refuses_adf_nested_100000_deep_without_crashing_the_process()
    {
        var outcome = await ChildProcess.RunAsync("adf-nested-100000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("nested deeper than", outcome.Output, StringComparison.Ordinal);
    }
}
