using System.Net;
using System.Text.Json.Nodes;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Commands;

public sealed class ConnectionsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_prints_a_table_and_sends_the_api_key()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/connections", HttpStatusCode.OK, Samples.Connections);

        var result = await _cli.RunAsync("connections", "list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var request = Assert.Single(_cli.Api.Requests);
        Assert.Equal("http://localhost:5080/admin/connections", request.Uri.ToString());
        Assert.Equal(CliRunner.ApiKey, request.ApiKey);
        var lines = result.Out.Split('\n');
        Assert.Contains("NAME", lines[0]);
        Assert.Contains("TOKEN EXPIRES", lines[0]);
        var acme = Assert.Single(lines, l => l.Contains("acme"));
        Assert.Matches(@"acme\s+Active\s+Acme\s+in 42m\s+3\s+0\s+7", acme);
        var globex = Assert.Single(lines, l => l.Contains("globex"));
        Assert.Matches(@"globex\s+AwaitingSiteChoice\s+-\s+expired 10m ago\s+0\s+4\s+0", globex);
        Assert.DoesNotContain(CliRunner.ApiKey, result.All);
    }

    [Fact]
    public async Task List_json_prints_exactly_what_the_server_sent()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/connections", HttpStatusCode.OK, Samples.Connections);

        var result = await _cli.RunAsync("connections", "list", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Samples.Connections), JsonNode.Parse(result.Out)));
    }

    [Fact]
    public async Task Show_prints_details_sites_and_the_next_step()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/connections/globex", HttpStatusCode.OK, Samples.AwaitingSiteConnection);

        var result = await _cli.RunAsync("connections", "show", "globex");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("connection/globex", result.Out);
        Assert.Contains("AwaitingSiteChoice (The user can reach 2 sites.)", result.Out);
        Assert.Contains("none chosen", result.Out);
        Assert.Matches(@"aaaa1111-0000-0000-0000-000000000001\s+Globex\s+https://globex.atlassian.net", result.Out);
        Assert.Matches(@"bbbb2222-0000-0000-0000-000000000002\s+Globex Labs\s+https://globex-labs.atlassian.net", result.Out);
        Assert.Contains("issuesync connections choose-site globex <site id or URL>", result.Out);
        Assert.Contains("pending 0, in progress 0, uncertain 0, parked 4, failed 0", result.Out);
    }

    [Fact]
    public async Task Show_of_an_unknown_connection_exits_3()
    {
        _cli.Api.OnProblem(HttpMethod.Get, "/admin/connections/nope", HttpStatusCode.NotFound, "Not Found", "No connection named 'nope'.");

        var result = await _cli.RunAsync("connections", "show", "nope");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("issuesync: 404 Not Found: No connection named 'nope'." + Environment.NewLine, result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Names_are_escaped_in_the_path()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/connections/team%20a%2Fb", HttpStatusCode.OK, Samples.ActiveConnection);

        var result = await _cli.RunAsync("connections", "show", "team a/b");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Create_posts_the_name_and_prints_the_authorize_url_on_one_line()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/connections", _ => FakeAdminApi.Json(HttpStatusCode.Created, Samples.CreatedConnection));

        var result = await _cli.RunAsync("connections", "create", "acme");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var request = Assert.Single(_cli.Api.Requests);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"acme"}"""), JsonNode.Parse(request.Body!)));
        Assert.Equal("application/json", request.ContentType);
        Assert.Contains("connection/acme created (AwaitingAuthorization)", result.Out);
        Assert.Contains("expires in 10m", result.Out);
        Assert.Contains(Samples.AuthorizeUrl, result.Out.Split('\n').Select(l => l.TrimEnd()));
    }

    [Fact]
    public async Task Create_of_an_existing_name_exits_4()
    {
        _cli.Api.OnProblem(HttpMethod.Post, "/admin/connections", HttpStatusCode.Conflict, "Conflict", "A connection named 'acme' exists already.");

        var result = await _cli.RunAsync("connections", "create", "acme");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("issuesync: 409 Conflict: A connection named 'acme' exists already.", result.Error);
    }

    [Fact]
    public async Task Authorize_prints_the_reconnect_url()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/connections/acme/authorize", HttpStatusCode.OK,
            $$"""{"authorizeUrl":"{{Samples.AuthorizeUrl}}","expiresAt":"2026-03-10T12:10:00Z"}""");

        var result = await _cli.RunAsync("connections", "authorize", "acme");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Null(Assert.Single(_cli.Api.Requests).Body);
        Assert.Contains(Samples.AuthorizeUrl, result.Out.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains("To reconnect connection/acme", result.Out);
    }

    [Fact]
    public async Task Choose_site_puts_the_site()
    {
        _cli.Api.On(HttpMethod.Put, "/admin/connections/acme/site", HttpStatusCode.OK, Samples.ActiveConnection);

        var result = await _cli.RunAsync("connections", "choose-site", "acme", "https://acme.atlassian.net");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"site":"https://acme.atlassian.net"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("connection/acme uses site Acme https://acme.atlassian.net (status Active)", result.Out);
    }

    [Fact]
    public async Task Choose_site_that_is_not_reachable_exits_1_and_lists_the_sites()
    {
        _cli.Api.OnProblem(HttpMethod.Put, "/admin/connections/globex/site", HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            "The connection cannot reach 'https://other.atlassian.net'.",
            """{"site":["Reachable sites: https://globex.atlassian.net (aaaa1111-0000-0000-0000-000000000001), https://globex-labs.atlassian.net (bbbb2222-0000-0000-0000-000000000002)."]}""");

        var result = await _cli.RunAsync("connections", "choose-site", "globex", "https://other.atlassian.net");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("issuesync: 400 One or more validation errors occurred. The connection cannot reach 'https://other.atlassian.net'.", result.Error);
        Assert.Contains("  site: Reachable sites: https://globex.atlassian.net", result.Error);
    }

    [Fact]
    public async Task Show_of_a_connection_reconnected_by_another_account_names_both_and_the_two_ways_out()
    {
        _cli.Api.On(HttpMethod.Get, "/admin/connections/acme", HttpStatusCode.OK, Samples.HeldAccountConnection);

        var result = await _cli.RunAsync("connections", "show", "acme");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Mia <mia@example.com> (5b10:mia)", result.Out);
        Assert.Matches(@"Held account:\s+Eve \(712020:eve\)", result.Out);
        Assert.Contains("issuesync connections confirm-account acme 712020:eve", result.Out);
        Assert.Contains("issuesync connections refuse-account acme", result.Out);
    }

    [Fact]
    public async Task Confirm_account_posts_the_held_account_id()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/connections/acme/account/confirm", HttpStatusCode.OK, Samples.ActiveConnection);

        var result = await _cli.RunAsync("connections", "confirm-account", "acme", "712020:eve");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"accountId":"712020:eve"}"""), JsonNode.Parse(_cli.Api.Requests[0].Body!)));
        Assert.Contains("status Active", result.Out);
    }

    [Fact]
    public async Task Confirm_account_of_another_account_than_the_held_one_exits_4()
    {
        _cli.Api.OnProblem(HttpMethod.Post, "/admin/connections/acme/account/confirm", HttpStatusCode.Conflict, "Conflict",
            "Connection 'acme' holds a reconnect by account 712020:eve, not 712020:mallory: look at it again before confirming.");

        var result = await _cli.RunAsync("connections", "confirm-account", "acme", "712020:mallory");

        Assert.Equal(ExitCodes.Conflict, result.ExitCode);
        Assert.Contains("holds a reconnect by account 712020:eve", result.Error);
    }

    [Fact]
    public async Task Refuse_account_posts_and_says_what_to_do_next()
    {
        _cli.Api.On(HttpMethod.Post, "/admin/connections/acme/account/refuse", HttpStatusCode.OK,
            Samples.ActiveConnection.Replace("\"status\":\"Active\"", "\"status\":\"ReauthorizationRequired\"", StringComparison.Ordinal));

        var result = await _cli.RunAsync("connections", "refuse-account", "acme");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Null(Assert.Single(_cli.Api.Requests).Body);
        Assert.Contains("refused and its tokens erased (status ReauthorizationRequired)", result.Out);
        Assert.Contains("issuesync connections authorize acme", result.Out);
    }

    [Fact]
    public async Task Disconnect_with_yes_deletes_without_asking()
    {
        _cli.Api.On(HttpMethod.Delete, "/admin/connections/acme", HttpStatusCode.NoContent);

        var result = await _cli.RunAsync("connections", "disconnect", "acme", "--yes");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(HttpMethod.Delete, Assert.Single(_cli.Api.Requests).Method);
        Assert.Contains("connection/acme disconnected", result.Out);
    }

    [Fact]
    public async Task Disconnect_asks_and_deletes_when_confirmed()
    {
        _cli.Api.On(HttpMethod.Delete, "/admin/connections/acme", HttpStatusCode.NoContent);
        _cli.Answering("y");

        var result = await _cli.RunAsync("connections", "disconnect", "acme");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Disconnect 'acme'?", result.Out);
        Assert.Single(_cli.Api.Requests);
    }

    [Fact]
    public async Task Disconnect_declined_sends_nothing_and_exits_1()
    {
        _cli.Answering("n");

        var result = await _cli.RunAsync("connections", "disconnect", "acme");

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.Contains("cancelled; nothing was changed", result.Error);
    }

    [Fact]
    public async Task Disconnect_without_a_terminal_and_without_yes_is_a_usage_error()
    {
        var result = await _cli.RunAsync("connections", "disconnect", "acme");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_cli.Api.Requests);
        Assert.Contains("pass --yes", result.Error);
    }

    [Fact]
    public async Task Disconnect_json_prints_the_new_status()
    {
        _cli.Api.On(HttpMethod.Delete, "/admin/connections/acme", HttpStatusCode.NoContent);

        var result = await _cli.RunAsync("connections", "disconnect", "acme", "--yes", "--json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"acme","status":"Disconnected"}"""), JsonNode.Parse(result.Out)));
    }
}
