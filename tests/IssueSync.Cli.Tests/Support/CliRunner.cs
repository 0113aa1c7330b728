using Spectre.Console.Testing;

namespace IssueSync.Cli.Tests.Support;

/// <summary>What a run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

/// <summary>A fixed clock.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// Runs <c>issuesync</c> in-process through <see cref="CliApp"/> with a fake admin API, a Spectre
/// <see cref="TestConsole"/> (wide, so tables do not wrap), a fixed clock and a fixed environment.
/// </summary>
public sealed class CliRunner : IDisposable
{
    public const string ApiKey = "k-7f3c2a91-secret";
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public CliRunner(HttpMessageHandler? handler = null)
    {
        Handler = handler ?? Api;
        Console = new TestConsole().Width(250);
    }

    public FakeAdminApi Api { get; } = new();

    public HttpMessageHandler Handler { get; }

    public TestConsole Console { get; }

    public Dictionary<string, string> Environment { get; } = new() { ["ISSUESYNC_API_KEY"] = ApiKey };

    public string Stdin { get; set; } = "";

    public bool ShowProgress { get; set; }

    /// <summary>Prompts can be answered: the console is interactive and <paramref name="answers"/> are typed in.</summary>
    public CliRunner Answering(params string[] answers)
    {
        Console.Interactive();
        foreach (var answer in answers)
        {
            Console.Input.PushTextWithEnter(answer);
        }

        return this;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        using var output = new StringWriter();
        var services = new CliServices(new CliIo(new StringReader(Stdin), output, error), Console)
        {
            CreateHttpHandler = () => new NonDisposingHandler(Handler),
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            Time = new FixedTime(Now),
            ShowProgress = ShowProgress,
        };
        var code = await CliApp.RunAsync(args, services, TestContext.Current.CancellationToken);
        return new CliResult(code, Console.Output + output, error.ToString());
    }

    public void Dispose()
    {
        Console.Dispose();
        Api.Dispose();
    }

    // Each command disposes its HttpClient and handler; the fake must survive for the assertions and later runs.
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _invoker.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
