using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf;

public sealed class MarkdownToAdfConverterTests
{
    private static JsonObject Doc(string markdown) => MarkdownToAdfConverter.ToDocument(markdown).ToJson();

    private static string Content(string markdown) => Doc(markdown)["content"]!.ToJsonString();

    [Fact]
    public void ToDocument_empty_input_is_a_doc_with_no_content()
    {
        Assert.Equal("""{"version":1,"type":"doc","content":[]}""", MarkdownToAdfConverter.ToDocument("").ToJsonString());
        Assert.Equal("""{"version":1,"type":"doc","content":[]}""", MarkdownToAdfConverter.ToDocument(" \n\n\t\n").ToJsonString());
    }

    [Fact]
    public void ToDocument_paragraphs_are_separate_blocks()
    {
        Assert.Equal(
            """[{"type":"paragraph","content":[{"type":"text","text":"one"}]},{"type":"paragraph","content":[{"type":"text","text":"two"}]}]""",
            Content("one\n\ntwo"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void ToDocument_headings_keep_their_level(int level)
    {
        Assert.Equal(
            $$"""[{"type":"heading","attrs":{"level":{{level}}},"content":[{"type":"text","text":"Title"}]}]""",
            Content($"{new string('#', level)} Title"));
    }

    [Fact]
    public void ToDocument_inline_marks()
    {
        Assert.Equal(
            """[{"type":"paragraph","content":[{"type":"text","text":"b","marks":[{"type":"strong"}]},{"type":"text","text":" "},{"type":"text","text":"i","marks":[{"type":"em"}]},{"type":"text","text":" "},{"type":"text","text":"s","marks":[{"type":"strike"}]},{"type":"text","text":" "},{"type":"text","text":"c","marks":[{"type":"code"}]}]}]""",
            Content("**b** *i* ~~s~~ `c`"));
    }

    [Fact]
    public void ToDocument_code_inside_bold_drops_the_bold_mark()
    {
        var texts = AdfTree.Texts(Doc("**bold `code` bold**")).ToList();

        Assert.Equal(["bold ", "code", " bold"], texts.Select(t => (string?)t["text"]));
        Assert.Equal(["strong"], AdfTree.MarkTypes(texts[0]));
        Assert.Equal(["code"], AdfTree.MarkTypes(texts[1]));
        Assert.Equal(["strong"], AdfTree.MarkTypes(texts[2]));
    }

    [Fact]
    public void ToDocument_code_inside_a_link_keeps_code_and_link()
    {
        var text = Assert.Single(AdfTree.Texts(Doc("[*`x`*](https://example.com)")));

        Assert.Equal(["link", "code"], AdfTree.MarkTypes(text));
    }

    [Fact]
    public void ToDocument_safe_links_get_a_link_mark()
    {
        var texts = AdfTree.Texts(Doc("[a](https://e.com/x?q=1) [b](http://e.com) [c](mailto:x@e.com)")).Where(t => (string?)t["text"] != " ").ToList();

        Assert.Equal(["https://e.com/x?q=1", "http://e.com", "mailto:x@e.com"], texts.Select(t => (string?)t["marks"]![0]!["attrs"]!["href"]));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("[click](JavaScript:alert(1))", "click")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "click")]
    [InlineData("[click](vbscript:msgbox)", "click")]
    [InlineData("[click](/relative/path)", "click")]
    [InlineData("![alt](javascript:alert(1))", "alt")]
    public void ToDocument_unsafe_links_become_plain_text(string markdown, string text)
    {
        var node = Assert.Single(AdfTree.Texts(Doc(markdown)));

        Assert.Equal(text, (string?)node["text"]);
        Assert.Null(node["marks"]);
        Assert.DoesNotContain("javascript", Doc(markdown).ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToDocument_autolinks_are_links()
    {
        var texts = AdfTree.Texts(Doc("<https://a.example.com> <x@example.com> www.example.org")).Where(t => t["marks"] is not null).ToList();

        Assert.Equal(["https://a.example.com", "mailto:x@example.com", "http://www.example.org"], texts.Select(t => (string?)t["marks"]![0]!["attrs"]!["href"]));
        Assert.Equal(["https://a.example.com", "x@example.com", "www.example.org"], texts.Select(t => (string?)t["text"]));
    }

    [Fact]
    public void ToDocument_images_become_link_text()
    {
        var text = Assert.Single(AdfTree.Texts(Doc("![screenshot](https://e.com/s.png)")));

        Assert.Equal("screenshot", (string?)text["text"]);
        Assert.Equal("https://e.com/s.png", (string?)text["marks"]![0]!["attrs"]!["href"]);
        Assert.DoesNotContain("media", Doc("![screenshot](https://e.com/s.png)").ToJsonString());
    }

    [Fact]
    public void ToDocument_ordered_list_keeps_a_start_other_than_one()
    {
        var three = Doc("3. a\n4. b")["content"]![0]!;
        var one = Doc("1. a\n2. b")["content"]![0]!;

        Assert.Equal("orderedList", (string?)three["type"]);
        Assert.Equal(3, (int)three["attrs"]!["order"]!);
        Assert.Null(one["attrs"]);
    }

    [Fact]
    public void ToDocument_nested_lists_nest_inside_list_items()
    {
        Assert.Equal(
            """[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"a"}]},{"type":"orderedList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"b"}]}]}]}]}]}]""",
            Content("- a\n  1. b"));
    }

    [Fact]
    public void ToDocument_empty_list_item_gets_an_empty_paragraph()
    {
        Assert.Equal(
            """[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"a"}]}]},{"type":"listItem","content":[{"type":"paragraph"}]}]}]""",
            Content("- a\n-"));
    }

    [Fact]
    public void ToDocument_code_blocks_keep_language_and_unmarked_text()
    {
        Assert.Equal(
            """[{"type":"codeBlock","attrs":{"language":"csharp"},"content":[{"type":"text","text":"var x = 1;\n**not bold**"}]},{"type":"codeBlock","content":[{"type":"text","text":"indented"}]}]""",
            Content("```csharp\nvar x = 1;\n**not bold**\n```\n\n    indented"));
    }

    [Fact]
    public void ToDocument_empty_code_block_has_no_text_node()
    {
        Assert.Equal("""[{"type":"codeBlock"}]""", Content("```\n```"));
    }

    [Fact]
    public void ToDocument_blockquote_rule_and_table()
    {
        Assert.Equal(
            """[{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"q"}]}]},{"type":"rule"},{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"h"}]}]}]},{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"c"}]}]}]}]}]""",
            Content("> q\n\n---\n\n| h |\n|---|\n| c |"));
    }

    [Fact]
    public void ToDocument_short_table_rows_are_padded_with_empty_cells()
    {
        var rows = Doc("| a | b |\n|---|---|\n| 1 |")["content"]![0]!["content"]!.AsArray();

        Assert.Equal("""{"type":"tableCell","content":[{"type":"paragraph"}]}""", rows[1]!["content"]![1]!.ToJsonString());
    }

    [Fact]
    public void ToDocument_hard_breaks_and_soft_breaks()
    {
        Assert.Equal(
            """[{"type":"paragraph","content":[{"type":"text","text":"a"},{"type":"hardBreak"},{"type":"text","text":"b c"}]}]""",
            Content("a  \nb\nc"));
    }

    [Fact]
    public void ToDocument_raw_html_is_literal_text()
    {
        var json = MarkdownToAdfConverter.ToDocument("<script>alert(1)</script>\n\ntext <b>bold</b>").ToJsonString();

        Assert.Contains("\"text\":\"<script>alert(1)</script>\"", json);
        Assert.Contains("\"text\":\"text <b>bold</b>\"", json);
    }

    [Fact]
    public void ToDocument_heading_inside_a_list_item_becomes_a_bold_paragraph()
    {
        Assert.Equal(
            """[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Title","marks":[{"type":"strong"}]}]}]}]}]""",
            Content("- # Title"));
    }

    [Fact]
    public void ToDocument_table_inside_a_quote_is_flattened_to_paragraphs()
    {
        Assert.Equal(
            """[{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"a | b"}]},{"type":"paragraph","content":[{"type":"text","text":"1 | 2"}]}]}]""",
            Content("> | a | b |\n> |---|---|\n> | 1 | 2 |"));
    }

    [Fact]
    public void ToDocument_list_item_starting_with_a_list_starts_with_an_empty_paragraph()
    {
        var item = Doc("- - inner")["content"]![0]!["content"]![0]!;

        Assert.Equal("paragraph", (string?)item["content"]![0]!["type"]);
        Assert.Equal("bulletList", (string?)item["content"]![1]!["type"]);
    }

    [Fact]
    public void ToDocument_never_produces_empty_text_nodes()
    {
        var doc = Doc("`` ` `` ** ** [](https://e.com) ![]() \n\n-\n\n> \n\n#\n\n| |\n|-|\n| |");

        AdfTree.AssertInvariants(doc);
        Assert.True(AdfValidator.Validate(doc).IsValid, AdfValidator.Validate(doc).ToString());
    }
}
