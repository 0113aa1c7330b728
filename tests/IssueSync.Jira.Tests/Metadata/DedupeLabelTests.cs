using IssueSync.Jira.Metadata;
using IssueSync.Jira.Rest;

namespace IssueSync.Jira.Tests.Metadata;

public sealed class DedupeLabelTests
{
    [Fact]
    public void For_is_stable_prefixed_and_32_hex_digits()
    {
        var label = DedupeLabel.For("order-42/attempt");

        Assert.Equal(label, DedupeLabel.For("order-42/attempt"));
        Assert.Matches("^issuesync-[0-9a-f]{32}$", label);
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("issuesync-ba7816bf8f01cfea414140de5dae2223", DedupeLabel.For("abc"));
    }

    [Fact]
    public void For_differs_per_key_and_needs_no_jql_escaping()
    {
        var label = DedupeLabel.For("key with \"quotes\" and spaces");

        Assert.NotEqual(DedupeLabel.For("a"), DedupeLabel.For("b"));
        Assert.Equal($"\"{label}\"", Jql.Quote(label));
        Assert.DoesNotContain(' ', label);
    }
}
