namespace IssueSync.Contracts.Tests;

public sealed class CreateIssueRulesTests
{
    private static readonly CreateIssue Valid = new()
    {
        IdempotencyKey = "k-1", ConnectionId = "acme", ProjectKey = "OPS", IssueType = "Bug", Summary = "One line", Labels = ["ok"], DueDate = "2026-12-01",
    };

    [Fact]
    public void A_valid_command_has_no_problems() => Assert.Empty(CreateIssueRules.Check(Valid));

    [Theory]
    [InlineData("key", "idempotencyKey")]
    [InlineData("long-key", "idempotencyKey")]
    [InlineData("connection", "connectionId")]
    [InlineData("project", "project")]
    [InlineData("type", "issuetype")]
    [InlineData("summary-empty", "summary")]
    [InlineData("summary-256", "summary")]
    [InlineData("summary-newline", "summary")]
    [InlineData("both-descriptions", "description")]
    [InlineData("label-space", "labels")]
    [InlineData("label-empty", "labels")]
    [InlineData("due", "duedate")]
    public void Each_mistake_is_named_by_its_field(string mistake, string field)
    {
        var command = mistake switch
        {
            "key" => Valid with { IdempotencyKey = " " },
            "long-key" => Valid with { IdempotencyKey = new string('k', 201) },
            "connection" => Valid with { ConnectionId = "" },
            "project" => Valid with { ProjectKey = "" },
            "type" => Valid with { IssueType = "" },
            "summary-empty" => Valid with { Summary = "" },
            "summary-256" => Valid with { Summary = new string('s', 256) },
            "summary-newline" => Valid with { Summary = "a\r\nb" },
            "both-descriptions" => Valid with { DescriptionMarkdown = "x", DescriptionAdf = System.Text.Json.JsonDocument.Parse("{}").RootElement },
            "label-space" => Valid with { Labels = ["two words"] },
            "label-empty" => Valid with { Labels = [""] },
            "due" => Valid with { DueDate = "2026-13-40" },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var error = Assert.Single(CreateIssueRules.Check(command));
        Assert.Equal(field, error.Field);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limits_are_inclusive() =>
        Assert.Empty(CreateIssueRules.Check(Valid with { IdempotencyKey = new string('k', 200), Summary = new string('s', 255) }));
}
