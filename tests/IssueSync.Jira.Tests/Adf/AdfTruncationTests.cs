using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf;

public sealed class AdfTruncationTests
{
    private static readonly string ManyParagraphs = string.Join("\n\n", Enumerable.Range(1, 200).Select(i => $"Paragraph {i} " + new string('x', 200)));

    [Fact]
    public void Convert_over_the_limit_without_truncation_is_a_clear_error()
    {
        var result = new MarkdownToAdfConverter().Convert(ManyParagraphs);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Document);
        Assert.Equal($"Description is {result.SerializedLength:N0} characters as ADF; Jira's limit is 32,767.", result.Error);
        Assert.True(result.SerializedLength > 32_767);
    }

    [Fact]
    public async Task Convert_with_truncation_keeps_leading_blocks_and_adds_a_marker()
    {
        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert(ManyParagraphs);

        Assert.True(result.IsSuccess);
        Assert.True(result.Truncated);
        var json = result.Document.ToJsonString();
        Assert.True(json.Length <= 32_767);
        Assert.Equal(json.Length, result.SerializedLength);
        var content = result.Document.ToJson()["content"]!.AsArray();
        Assert.StartsWith("Paragraph 1 ", (string?)content[0]!["content"]![0]!["text"]);
        var marker = (string?)content[^1]!["content"]![0]!["text"];
        Assert.Equal($"… (description truncated by IssueSync: {result.OmittedCharacters:N0} characters omitted)", marker);
        Assert.True(result.OmittedCharacters > 0);
        Assert.Empty(await AdfSchema.ValidateAsync(json));
        Assert.True(AdfValidator.Validate(result.Document.ToJson()).IsValid);
    }

    [Fact]
    public void Convert_with_truncation_counts_the_omitted_text_exactly()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(0, 50).Select(i => new string((char)('a' + (i % 26)), 100)));
        var original = MarkdownToAdfConverter.ToDocument(markdown);

        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true, MaxLength = 1_000 }).Convert(markdown);

        Assert.True(result.SerializedLength <= 1_000);
        var keptText = AdfTree.Texts(result.Document!.ToJson()).SkipLast(1).Sum(t => ((string)t["text"]!).Length);
        Assert.Equal(50 * 100 - keptText, result.OmittedCharacters);
    }

    [Fact]
    public void Convert_with_truncation_cuts_inside_a_single_huge_paragraph()
    {
        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert(new string('y', 50_000));

        var content = result.Document!.ToJson()["content"]!.AsArray();
        Assert.Equal(2, content.Count);
        var kept = ((string)content[0]!["content"]![0]!["text"]!).Length;
        Assert.InRange(kept, 30_000, 32_767);
        Assert.Equal(50_000 - kept, result.OmittedCharacters);
        Assert.True(result.SerializedLength <= 32_767);
    }

    [Fact]
    public void Convert_with_truncation_never_splits_a_surrogate_pair()
    {
        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true, MaxLength = 500 }).Convert(string.Concat(Enumerable.Repeat("😀", 1_000)));

        var text = (string)result.Document!.ToJson()["content"]![0]!["content"]![0]!["text"]!;
        Assert.False(char.IsHighSurrogate(text[^1]));
        Assert.True(result.SerializedLength <= 500);
    }

    [Fact]
    public void Convert_with_truncation_keeps_table_rows_whole()
    {
        var table = "| a | b |\n|---|---|\n" + string.Join("\n", Enumerable.Range(0, 400).Select(i => $"| row {i} | {new string('v', 50)} |"));

        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert(table);

        var rows = result.Document!.ToJson()["content"]![0]!["content"]!.AsArray();
        Assert.All(rows, row => Assert.Equal(2, row!["content"]!.AsArray().Count));
        Assert.True(AdfValidator.Validate(result.Document.ToJson()).IsValid);
    }

    [Fact]
    public void Convert_with_truncation_cuts_markdown_over_the_cap_at_a_line_and_counts_what_was_cut()
    {
        // 100 paragraphs of 999 characters, about 1.5 times the 65,534-character cap; 65 of them fit under it.
        var lines = Enumerable.Range(0, 100).Select(i => $"{i:D3} " + new string('z', 995)).ToList();
        var markdown = string.Join("\n\n", lines);

        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true, MaxLength = 200_000 }).Convert(markdown);

        Assert.True(result.IsSuccess, result.Error);
        Assert.True(result.Truncated);
        var paragraphs = result.Document.ToJson()["content"]!.AsArray();
        var kept = paragraphs.SkipLast(1).Select(p => (string)p!["content"]![0]!["text"]!).ToList();
        Assert.Equal(lines.Take(kept.Count), kept);
        Assert.Equal(65, kept.Count);

        // The cut falls on a line break: the kept lines and the first \n after them stay, the rest is omitted.
        Assert.Equal(markdown.Length - (string.Join("\n\n", kept).Length + 1), result.OmittedCharacters);
        Assert.Equal($"… (description truncated by IssueSync: {result.OmittedCharacters:N0} characters omitted)", (string?)paragraphs[^1]!["content"]![0]!["text"]);
    }

    [Fact]
    public void Convert_under_the_limit_is_not_truncated()
    {
        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert("short");

        Assert.False(result.Truncated);
        Assert.Equal(0, result.OmittedCharacters);
        Assert.Single(result.Document!.Content);
    }

    [Fact]
    public void Converter_rejects_an_absurdly_small_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownToAdfConverter(new AdfConversionOptions { MaxLength = 10 }));
    }

    [Fact]
    public void FromPlainText_makes_paragraphs_and_hard_breaks()
    {
        Assert.Equal(
            """[{"type":"paragraph","content":[{"type":"text","text":"a"},{"type":"hardBreak"},{"type":"text","text":"b"}]},{"type":"paragraph","content":[{"type":"text","text":"c"}]}]""",
            AdfDocument.FromPlainText("a\nb\n\nc").ToJson()["content"]!.ToJsonString());
        Assert.Empty(AdfDocument.FromPlainText("").Content);
        Assert.IsType<JsonObject>(AdfDocument.FromPlainText("x").ToJson());
    }
}
