using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Jira counts UTF-16 code units of the unescaped JSON: an emoji is 2, a quote or newline inside a string is 1.</summary>
public sealed class AdfLengthTests
{
    private const string Emoji = "😀";

    [Fact]
    public void Convert_emoji_description_is_measured_as_jira_counts_it()
    {
        var emoji = string.Concat(Enumerable.Repeat(Emoji, 2_900));
        var ascii = new string('x', emoji.Length);

        var result = new MarkdownToAdfConverter().Convert(emoji);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new MarkdownToAdfConverter().Convert(ascii).SerializedLength, result.SerializedLength);
    }
}
