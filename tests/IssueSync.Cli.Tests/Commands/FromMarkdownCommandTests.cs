using System.Diagnostics;
using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;

namespace IssueSync.Cli.Tests.Commands;

public sealed class FromMarkdownCommandTests : IDisposable
{
    private const string Markdown = "# Crash\n\nSteps:\n\n1. open **cart**\n2. click [pay](javascript:alert(1))\n\n```js\nboom()\n```\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("issuesync-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string content, string name = "bug.md")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliIo(new StringReader(stdin), output, error), TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task FromMarkdown_file_prints_indented_adf_json()
    {
        var (code, output, error) = await RunAsync("", "adf", "from-markdown", WriteFile(Markdown));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        Assert.Contains('\n', output.TrimEnd());
        Assert.True(JsonNode.DeepEquals(MarkdownToAdfConverter.ToDocument(Markdown).ToJson(), JsonNode.Parse(output)));
        Assert.True(AdfValidator.Validate(output).IsValid);
        Assert.DoesNotContain("javascript", output);
    }

    [Fact]
    public async Task FromMarkdown_compact_prints_one_line()
    {
        var (code, output, _) = await RunAsync("", "adf", "from-markdown", WriteFile(Markdown), "--compact");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(MarkdownToAdfConverter.ToDocument(Markdown).ToJsonString() + Environment.NewLine, output);
    }

    [Fact]
    public async Task FromMarkdown_dash_reads_standard_input()
    {
        var (code, output, _) = await RunAsync("hello *world*", "adf", "from-markdown", "-", "--compact");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(MarkdownToAdfConverter.ToDocument("hello *world*").ToJsonString(), output.TrimEnd());
    }

    [Fact]
    public async Task FromMarkdown_missing_file_exits_1_with_a_message()
    {
        var missing = Path.Combine(_directory, "nope.md");

        var (code, output, error) = await RunAsync("", "adf", "from-markdown", missing);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Empty(output);
        Assert.Contains($"file '{missing}' was not found", error);
    }

    [Fact]
    public async Task FromMarkdown_over_the_limit_exits_1_and_suggests_truncate()
    {
        var (code, output, error) = await RunAsync("", "adf", "from-markdown", WriteFile(new string('x', 40_000)));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Empty(output);
        Assert.Matches(@"Description is \d\d,\d{3} characters as ADF; Jira's limit is 32,767\. Use --truncate", error);
    }

    [Fact]
    public async Task FromMarkdown_too_costly_to_parse_exits_1_without_suggesting_truncate()
    {
        var (code, output, error) = await RunAsync("", "adf", "from-markdown", WriteFile(string.Concat(Enumerable.Repeat("[a](", 15_000))), "--truncate");

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Empty(output);
        Assert.StartsWith("issuesync: Description is too costly to parse as Markdown: too many inline links left unclosed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Use --truncate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromMarkdown_truncate_fits_the_limit_and_says_so_on_stderr()
    {
        var (code, output, error) = await RunAsync("", "adf", "from-markdown", WriteFile(new string('x', 40_000)), "--truncate", "--compact");

        Assert.Equal(ExitCodes.Success, code);
        Assert.True(output.TrimEnd().Length <= AdfJson.MaxLength);
        Assert.Contains("description truncated by IssueSync", output);
        Assert.Contains("characters of text omitted", error);
    }

    [Fact]
    public async Task FromMarkdown_without_a_file_argument_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("", "adf", "from-markdown");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("missing required argument 'file'", error);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("", "adf", "to-markdown", "x");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Unknown command", error);
    }

    [Fact]
    public async Task Built_executable_reads_stdin_and_exits_with_distinct_codes()
    {
        var ct = TestContext.Current.CancellationToken;

        var ok = await RunProcessAsync("# From a pipe\n\n- one\n- two\n", ct, "adf", "from-markdown", "-", "--compact");
        var missing = await RunProcessAsync("", ct, "adf", "from-markdown", Path.Combine(_directory, "absent.md"));
        var usage = await RunProcessAsync("", ct, "adf", "from-markdown");

        Assert.Equal(ExitCodes.Success, ok.ExitCode);
        Assert.Equal(MarkdownToAdfConverter.ToDocument("# From a pipe\n\n- one\n- two\n").ToJsonString(), ok.Out.TrimEnd());
        Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
        Assert.Contains("was not found", missing.Error);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunProcessAsync(string stdin, CancellationToken cancellationToken, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "issuesync.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardInput.WriteAsync(stdin.AsMemory(), timeout.Token);
        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
