using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Tests.Adf.Support;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Jira counts UTF-16 code units of the unescaped JSON: an emoji is 2, a quote or newline inside a string is 1.</summary>
public sealed partial class AdfLengthTests
{
    private const string Emoji = "😀";          // one code point, two UTF-16 units, escaped by System.Text.Json
    private const string Cjk = "漢";             // one unit
    private const string Combining = "e\u0301"; // é as e + combining acute: two units

    [Theory]
    [InlineData("null", 4)]
    [InlineData("true", 4)]
    [InlineData("false", 5)]
    [InlineData("0", 1)]
    [InlineData("-12.50", 6)]
    [InlineData("1e3", 3)]
    [InlineData("\"\"", 2)]
    [InlineData("\"a\\\"b\"", 5)]
    [InlineData("\"line\\nbreak\"", 12)]
    [InlineData("\"\\uD83D\\uDE00\"", 4)]
    [InlineData("\"\\u6F22\"", 3)]
    [InlineData("[]", 2)]
    [InlineData("[1,2,3]", 7)]
    [InlineData("{}", 2)]
    [InlineData("{\"a\":1,\"bc\":[true,null]}", 24)]
    [InlineData("{\"k\\\"ey\":\"v\"}", 12)]
    public void Measure_counts_the_unescaped_compact_json(string json, int expected)
    {
        Assert.Equal(expected, AdfLength.Measure(JsonNode.Parse(json)));
    }

    [Fact]
    public void Measure_counts_values_built_in_code_as_they_are_written()
    {
        Assert.Equal(4, AdfLength.Measure(null));
        Assert.Equal(2, AdfLength.Measure(JsonValue.Create(42)));
        Assert.Equal(3, AdfLength.Measure(JsonValue.Create(1.5)));
        Assert.Equal(13, AdfLength.Measure(JsonValue.Create(1234567890123L)));
        Assert.Equal(4, AdfLength.Measure(JsonValue.Create(Emoji)));
        Assert.Equal(10, AdfLength.Measure(new JsonObject { ["k"] = null }));
        Assert.Equal(20, AdfLength.Measure(new JsonObject { ["a"] = new JsonArray(true, false, 7) }));
    }

    [Theory]
    [InlineData(Emoji)]
    [InlineData(Cjk)]
    [InlineData(Combining)]
    [InlineData("\"quoted\" and \\ back\tslash")]
    public void Measure_equals_what_jira_reads_from_the_json_sent(string text)
    {
        var document = MarkdownToAdfConverter.ToDocument($"{text} and *{text}* in [a link](https://e.com/{Uri.EscapeDataString(text)})\n\n```\n{text}\n```");

        var sent = document.ToJsonString();

        Assert.Equal(UnescapedLength(sent), AdfLength.Measure(document.ToJson()));
        Assert.Equal(UnescapedLength(sent), document.SerializedLength);
    }

    [Fact]
    public void Every_node_of_every_corpus_document_knows_its_own_length()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Adf", "Corpus"), "0*.md"))
        {
            var document = MarkdownToAdfConverter.ToDocument(File.ReadAllText(file));
            Assert.Equal(UnescapedLength(document.ToJsonString()), document.SerializedLength);
            var pending = new Stack<AdfNode>(document.Content);
            while (pending.TryPop(out var node))
            {
                Assert.Equal(AdfLength.Measure(node.ToJson()), node.SerializedLength);
                foreach (var child in node.Content ?? [])
                {
                    pending.Push(child);
                }
            }
        }
    }

    [Fact]
    public void Convert_emoji_description_is_measured_as_jira_counts_it()
    {
        var emoji = string.Concat(Enumerable.Repeat(Emoji, 2_900));
        var ascii = new string('x', emoji.Length);

        var result = new MarkdownToAdfConverter().Convert(emoji);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new MarkdownToAdfConverter().Convert(ascii).SerializedLength, result.SerializedLength);
    }

    [Theory]
    [InlineData(Emoji)]
    [InlineData(Cjk)]
    [InlineData(Combining)]
    public void Convert_text_exactly_at_jiras_limit_is_accepted_and_one_unit_more_is_refused(string unit)
    {
        var atLimit = TextOfDocumentLength(unit, AdfJson.MaxLength);

        var accepted = new MarkdownToAdfConverter().Convert(atLimit);
        var refused = new MarkdownToAdfConverter().Convert(atLimit + "x");

        Assert.True(accepted.IsSuccess, accepted.Error);
        Assert.Equal(32_767, accepted.SerializedLength);
        Assert.Equal(32_767, UnescapedLength(accepted.Document.ToJsonString()));
        Assert.Equal(AdfConversionFailure.TooLong, refused.Failure);
        Assert.Equal("Description is 32,768 characters as ADF; Jira's limit is 32,767.", refused.Error);
    }

    [Theory]
    [InlineData(Emoji)]
    [InlineData(Cjk)]
    [InlineData(Combining)]
    public void Check_caller_adf_exactly_at_jiras_limit_is_accepted_and_one_unit_more_is_refused(string unit)
    {
        var atLimit = MarkdownToAdfConverter.ToDocument(TextOfDocumentLength(unit, AdfJson.MaxLength)).ToJsonString();
        var overLimit = MarkdownToAdfConverter.ToDocument(TextOfDocumentLength(unit, AdfJson.MaxLength) + "x").ToJsonString();

        var accepted = AdfValidator.Check(JsonNode.Parse(atLimit));
        var refused = AdfValidator.Check(JsonNode.Parse(overLimit));

        Assert.True(accepted.IsAcceptable, accepted.Error);
        Assert.Equal(32_767, accepted.SerializedLength);
        Assert.True(refused.Validation.IsValid);
        Assert.True(refused.IsTooLong);
        Assert.Equal("Description is 32,768 characters as ADF; Jira's limit is 32,767.", refused.Error);
    }

    [Fact]
    public void Truncate_emoji_fills_up_to_the_limit_as_jira_counts_it()
    {
        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert(string.Concat(Enumerable.Repeat(Emoji, 20_000)));

        Assert.True(result.Truncated);
        Assert.Equal(UnescapedLength(result.Document!.ToJsonString()), result.SerializedLength);
        Assert.InRange(result.SerializedLength, 32_767 - 200, 32_767);
        Assert.Equal(40_000 - ((string)result.Document.ToJson()["content"]![0]!["content"]![0]!["text"]!).Length, result.OmittedCharacters);
    }

    [Fact]
    public async Task Measure_a_document_nested_100000_deep_without_recursion()
    {
        var outcome = await ChildProcess.RunAsync("measure-nested-100000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(HostileInputs.NestedAdfText(100_000).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Output);
    }

    // Markdown text made of the unit (plus an x to reach an odd length) whose one-paragraph document is `length` long.
    private static string TextOfDocumentLength(string unit, int length)
    {
        var overhead = MarkdownToAdfConverter.ToDocument("x").SerializedLength - 1;
        var units = length - overhead;
        var text = string.Concat(Enumerable.Repeat(unit, units / unit.Length)) + new string('x', units % unit.Length);
        Assert.Equal(length, MarkdownToAdfConverter.ToDocument(text).SerializedLength);
        return text;
    }

    // An independent oracle: the JSON text less what its escapes add (\uXXXX is one unit, \" \\ \n … one).
    private static int UnescapedLength(string json) =>
        json.Length - Escape().Matches(json).Sum(m => m.Length - 1);

    [GeneratedRegex(@"\\(u[0-9A-Fa-f]{4}|.)")]
    private static partial Regex Escape();
}
