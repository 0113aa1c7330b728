using System.Net;
using IssueSync.Cli.Tests.Support;

namespace IssueSync.Cli.Tests.Commands;

public sealed class ErrorHandlingTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.InvalidInput)]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Authentication)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.Authentication)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.Conflict)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.ServerFailure)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ExitCodes.ServerFailure)]
    public async Task Error_statuses_map_to_exit_codes_with_a_readable_line(HttpStatusCode status, int exitCode)
    {
        using var cli = new CliRunner();
        cli.Api.OnProblem(HttpMethod.Get, "/admin/connections", status, "Something went wrong", "Details for the operator.");

        var result = await cli.RunAsync("connections", "list");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith($"issuesync: {(int)status} Something went wrong: Details for the operator.", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Unauthorized_says_where_the_key_comes_from_and_never_prints_it()
    {
        using var cli = new CliRunner();
        cli.Api.OnProblem(HttpMethod.Get, "/admin/failures", HttpStatusCode.Unauthorized, "Unauthorized",
            $"The key '{CliRunner.ApiKey}' is not valid.");

        var result = await cli.RunAsync("failures");

        Assert.Equal(ExitCodes.Authentication, result.ExitCode);
        Assert.Contains("Check the API key (--api-key-file or ISSUESYNC_API_KEY).", result.Error);
        Assert.DoesNotContain(CliRunner.ApiKey, result.All);
    }

    [Fact]
    public async Task An_error_without_a_problem_body_still_reads()
    {
        using var cli = new CliRunner();
        cli.Api.On(HttpMethod.Get, "/admin/connections", _ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>bad gateway</html>"),
        });

        var result = await cli.RunAsync("connections", "list");

        Assert.Equal(ExitCodes.ServerFailure, result.ExitCode);
        Assert.StartsWith("issuesync: 502 Bad Gateway: <html>bad gateway</html>", result.Error);
    }

    [Fact]
    public async Task A_success_that_is_not_the_apis_json_is_a_server_failure()
    {
        using var cli = new CliRunner();
        cli.Api.On(HttpMethod.Get, "/admin/connections", HttpStatusCode.OK, "<html>login</html>");

        var result = await cli.RunAsync("connections", "list");

        Assert.Equal(ExitCodes.ServerFailure, result.ExitCode);
        Assert.StartsWith("issuesync: the server's answer is not what the admin API returns", result.Error);
    }

    [Fact]
    public async Task Connection_refused_exits_6_and_names_the_url()
    {
        using var cli = new CliRunner(new RefusingHandler());

        var result = await cli.RunAsync("commands", "list", "--url", "http://worker.internal:8080");

        Assert.Equal(ExitCodes.ServerFailure, result.ExitCode);
        Assert.StartsWith("issuesync: cannot reach the worker at http://worker.internal:8080/: Connection refused", result.Error);
        Assert.Contains("Set --url or ISSUESYNC_URL", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task A_timeout_exits_6()
    {
        using var cli = new CliRunner(new TimingOutHandler());

        var result = await cli.RunAsync("failures");

        Assert.Equal(ExitCodes.ServerFailure, result.ExitCode);
        Assert.Contains("did not answer in time", result.Error);
    }

    [Fact]
    public async Task The_url_comes_from_the_option_then_the_environment_then_the_default()
    {
        using var cli = new CliRunner();
        cli.Api.On(HttpMethod.Get, "/admin/failures", HttpStatusCode.OK, "[]");
        cli.Api.On(HttpMethod.Get, "/issuesync/admin/failures", HttpStatusCode.OK, "[]");

        await cli.RunAsync("failures");
        cli.Environment["ISSUESYNC_URL"] = "https://ops.example.com/issuesync";
        await cli.RunAsync("failures");
        await cli.RunAsync("failures", "--url", "http://127.0.0.1:5081");

        Assert.Equal(
            ["http://localhost:5080/admin/failures", "https://ops.example.com/issuesync/admin/failures", "http://127.0.0.1:5081/admin/failures"],
            cli.Api.Requests.Select(r => r.Uri.ToString()));
    }

    [Fact]
    public async Task The_api_key_file_or_standard_input_wins_over_the_environment_and_no_key_sends_no_header()
    {
        using var cli = new CliRunner();
        cli.Api.On(HttpMethod.Get, "/admin/failures", HttpStatusCode.OK, "[]");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "file-key-123\n", TestContext.Current.CancellationToken);
            await cli.RunAsync("failures", "--api-key-file", file);
            cli.Stdin = "stdin-key-456\n";
            await cli.RunAsync("failures", "--api-key-file", "-");
            cli.Environment.Clear();
            await cli.RunAsync("failures");
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal(["file-key-123", "stdin-key-456", null], cli.Api.Requests.Select(r => r.ApiKey));
    }

    [Fact]
    public async Task The_key_itself_is_not_taken_on_the_command_line()
    {
        using var cli = new CliRunner();
        cli.Api.On(HttpMethod.Get, "/admin/failures", HttpStatusCode.OK, "[]");

        var result = await cli.RunAsync("failures", "--api-key", "visible-in-ps-123");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--api-key is not accepted", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-in-ps-123", result.All, StringComparison.Ordinal);
        Assert.Empty(cli.Api.Requests);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("localhost:5080")]
    public async Task A_url_that_is_not_http_is_a_usage_error(string url)
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("failures", "--url", url);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(cli.Api.Requests);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (var command in new[] { "publish", "connections", "commands", "failures", "retry", "discard", "rejected", "error-queue", "adf" })
        {
            Assert.Contains(command, result.Out);
        }
    }

    [Fact]
    public async Task Help_of_a_command_shows_the_global_options_without_a_key_value()
    {
        using var cli = new CliRunner();

        var result = await cli.RunAsync("commands", "list", "--help");

        Assert.Contains("--url", result.Out);
        Assert.Contains("--api-key-file", result.Out);
        Assert.Contains("--json", result.Out);
        Assert.DoesNotContain(CliRunner.ApiKey, result.Out);
    }
}

public sealed class ExecutableTests
{
    [Fact]
    public async Task The_built_executable_reports_a_refused_connection_with_exit_6_and_hides_the_key()
    {
        // A loopback port that was just free: nothing listens, so the connection is refused at once.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dll = Path.Combine(AppContext.BaseDirectory, "issuesync.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, "connections", "list", "--url", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ISSUESYNC_API_KEY"] = CliRunner.ApiKey;
        start.Environment.Remove("ISSUESYNC_URL");

        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(ExitCodes.ServerFailure, process.ExitCode);
        Assert.Empty(await output);
        var message = await error;
        Assert.StartsWith($"issuesync: cannot reach the worker at http://127.0.0.1:{port}/", message);
        Assert.DoesNotContain(CliRunner.ApiKey, message);
    }
}
