using IssueSync.Jira.Rest;

namespace IssueSync.Jira.Tests.Rest;

public sealed class JqlTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("with \"quotes\"", "\"with \\\"quotes\\\"\"")]
    [InlineData(@"back\slash", "\"back\\\\slash\"")]
    [InlineData("a\\\"b", "\"a\\\\\\\"b\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("ünï ✓ 日本", "\"ünï ✓ 日本\"")]
    public void Quote_escapes_backslash_quote_and_newlines(string value, string expected) => Assert.Equal(expected, Jql.Quote(value));

    [Fact]
    public void Quote_rejects_other_control_characters()
    {
        var error = Assert.Throws<ArgumentException>(() => Jql.Quote("bell\u0007"));

        Assert.Contains("U+0007", error.Message);
    }

    [Fact]
    public void ProjectAndLabel_is_bounded_by_project()
    {
        Assert.Equal("project = \"ED\" AND labels = \"issuesync-1\"", Jql.ProjectAndLabel("ED", "issuesync-1"));
    }
}
