using System.Net.Sockets;
using System.Text.Json.Nodes;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Rest;
using IssueSync.Jira.Tests.Support;

namespace IssueSync.Jira.Tests.Rest;

public sealed class JiraCloudClientCreateTests
{
    private static readonly JsonObject Body = new() { ["fields"] = new JsonObject { ["summary"] = "Main order flow broken" } };

    private static async Task<JiraResult<CreatedIssue>> CreateAsync(FakeHttpHandler handler, TimeProvider? time = null) =>
        await TestClients.Jira(handler, time).CreateIssueAsync(TestClients.Context, Body, CancellationToken.None);

    private static async Task<JiraError> CreateFailsAsync(int status, string body, params (string, string)[] headers)
    {
        var result = await CreateAsync(new FakeHttpHandler(_ => FakeHttpHandler.Json(status, body, headers)));
        Assert.False(result.IsSuccess);
        return result.Error;
    }

    [Fact]
    public async Task CreateIssueAsync_201_returns_id_key_and_self()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(201, AtlassianBodies.Created));

        var result = await CreateAsync(handler);

        Assert.True(result.IsSuccess);
        Assert.Equal(new CreatedIssue("10000", "ED-24", "https://your-domain.atlassian.net/rest/api/3/issue/10000"), result.Value);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.example.test/ex/jira/{TestClients.CloudId}/rest/api/3/issue", request.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {TestClients.AccessToken}", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("Main order flow broken", (string?)JsonNode.Parse(request.Body!)!["fields"]!["summary"]);
    }

    [Fact]
    public async Task CreateIssueAsync_400_INVALID_INPUT_is_InvalidAdf()
    {
        var error = await CreateFailsAsync(400, AtlassianBodies.InvalidInput);

        Assert.Equal(JiraErrorKind.InvalidAdf, error.Kind);
        Assert.Equal(["INVALID_INPUT"], error.ErrorMessages);
    }

    [Fact]
    public async Task CreateIssueAsync_400_operation_value_must_be_an_atlassian_document_is_InvalidAdf_with_the_field()
    {
        var error = await CreateFailsAsync(400, AtlassianBodies.NotAdf);

        Assert.Equal(JiraErrorKind.InvalidAdf, error.Kind);
        Assert.Equal("Operation value must be an Atlassian Document (see the Atlassian Document Format)", error.FieldErrors["description"]);
    }

    [Fact]
    public async Task CreateIssueAsync_400_text_too_long_is_TextTooLong()
    {
        var error = await CreateFailsAsync(400, AtlassianBodies.TextTooLong);

        Assert.Equal(JiraErrorKind.TextTooLong, error.Kind);
        Assert.Contains("32,767", error.FieldErrors["description"]);
    }

    [Theory]
    [InlineData(AtlassianBodies.LabelWithSpaces, "labels", "The label 'Test Application' contains spaces which is invalid.")]
    [InlineData(AtlassianBodies.PriorityInvalid, "priority", "The priority selected is invalid.")]
    [InlineData(AtlassianBodies.FieldCannotBeSet, "customfield_10050", "Field 'customfield_10050' cannot be set. It is not on the appropriate screen, or unknown.")]
    public async Task CreateIssueAsync_400_field_error_is_Validation_keeping_the_message_verbatim(string body, string field, string message)
    {
        var error = await CreateFailsAsync(400, body);

        Assert.Equal(JiraErrorKind.Validation, error.Kind);
        Assert.Equal(message, error.FieldErrors[field]);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task CreateIssueAsync_400_error_messages_are_kept_verbatim()
    {
        var error = await CreateFailsAsync(400, AtlassianBodies.PriorityRequired);

        Assert.Equal(JiraErrorKind.Validation, error.Kind);
        Assert.Equal(["Field 'priority' is required"], error.ErrorMessages);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task CreateIssueAsync_401_scope_does_not_match_is_Unauthorized()
    {
        var error = await CreateFailsAsync(401, AtlassianBodies.ScopeDoesNotMatch);

        Assert.Equal(JiraErrorKind.Unauthorized, error.Kind);
        Assert.Contains("Unauthorized; scope does not match", error.Message);
    }

    [Fact]
    public async Task CreateIssueAsync_403_is_PermissionDenied()
    {
        var error = await CreateFailsAsync(403, """{"errorMessages":["You do not have permission to create issues in this project."],"errors":{}}""");

        Assert.Equal(JiraErrorKind.PermissionDenied, error.Kind);
    }

    [Fact]
    public async Task CreateIssueAsync_404_from_the_gateway_is_SiteNotFound()
    {
        var error = await CreateFailsAsync(404, """{"code":404,"message":"Site not found"}""");

        Assert.Equal(JiraErrorKind.SiteNotFound, error.Kind);
        Assert.Contains("cloud id", error.Message);
    }

    [Fact]
    public async Task CreateIssueAsync_404_with_a_jira_error_collection_is_NotFound()
    {
        var error = await CreateFailsAsync(404, AtlassianBodies.IssueNotFound);

        Assert.Equal(JiraErrorKind.NotFound, error.Kind);
        Assert.Equal(["Issue does not exist or you do not have permission to see it."], error.ErrorMessages);
    }

    [Fact]
    public async Task CreateIssueAsync_429_reads_retry_after_reason_and_reset()
    {
        var error = await CreateFailsAsync(429, "", ("Retry-After", "30"), ("RateLimit-Reason", "jira-burst-based"), ("X-RateLimit-Reset", "2026-03-02T11:00Z"));

        Assert.Equal(JiraErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal("jira-burst-based", error.RateLimitReason);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), error.RateLimitResetAt);
    }

    [Theory]
    [InlineData("jira-quota-global-based")]
    [InlineData("jira-quota-tenant-based")]
    [InlineData("jira-per-issue-on-write")]
    [InlineData("jira-burst-based")]
    public async Task CreateIssueAsync_429_keeps_the_reason_verbatim(string reason)
    {
        var error = await CreateFailsAsync(429, "", ("RateLimit-Reason", reason), ("X-RateLimit-Reset", "2026-03-02T11:00Z"));

        Assert.Equal(reason, error.RateLimitReason);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task CreateIssueAsync_429_retry_after_as_http_date_is_relative_to_now()
    {
        var error = await CreateFailsAsync(429, "", ("Retry-After", "Mon, 02 Mar 2026 10:01:30 GMT"));

        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task CreateIssueAsync_5xx_after_sending_is_UnknownOutcome(int status)
    {
        var error = await CreateFailsAsync(status, "", ("Retry-After", "10"));

        Assert.Equal(JiraErrorKind.UnknownOutcome, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), error.RetryAfter);
        Assert.Contains("dedupe label", error.Message);
    }

    [Fact]
    public async Task CreateIssueAsync_timeout_is_UnknownOutcome()
    {
        var time = TestClients.Time();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });

        var result = await CreateAsync(handler, time);

        Assert.Equal(JiraErrorKind.UnknownOutcome, result.Error!.Kind);
        Assert.Null(result.Error.StatusCode);
    }

    [Fact]
    public async Task CreateIssueAsync_connection_drop_is_UnknownOutcome()
    {
        var result = await CreateAsync(new FakeHttpHandler((_, _) => throw new HttpRequestException("The response ended prematurely.")));

        Assert.Equal(JiraErrorKind.UnknownOutcome, result.Error!.Kind);
    }

    [Fact]
    public async Task CreateIssueAsync_io_exception_is_UnknownOutcome()
    {
        var result = await CreateAsync(new FakeHttpHandler((_, _) => throw new IOException("Unable to read data from the transport connection")));

        Assert.Equal(JiraErrorKind.UnknownOutcome, result.Error!.Kind);
    }

    [Fact]
    public async Task CreateIssueAsync_connection_refused_before_sending_is_Transient()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        var result = await CreateAsync(new FakeHttpHandler((_, _) => throw refused));

        Assert.Equal(JiraErrorKind.Transient, result.Error!.Kind);
    }

    [Fact]
    public async Task CreateIssueAsync_caller_cancellation_throws_instead_of_UnknownOutcome()
    {
        using var cts = new CancellationTokenSource();
        var handler = new FakeHttpHandler(async (_, token) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TestClients.Jira(handler).CreateIssueAsync(TestClients.Context, Body, cts.Token));
    }

    [Fact]
    public async Task CreateIssueAsync_201_without_key_is_UnknownOutcome()
    {
        var error = (await CreateAsync(new FakeHttpHandler(_ => FakeHttpHandler.Json(201, "<html>ok</html>")))).Error!;

        Assert.Equal(JiraErrorKind.UnknownOutcome, error.Kind);
    }

    [Fact]
    public async Task CreateIssueAsync_html_error_page_does_not_dump_the_page()
    {
        var error = await CreateFailsAsync(403, "<html><body>Request blocked</body></html>");

        Assert.Equal(JiraErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("HTML page", error.Message);
    }
}
