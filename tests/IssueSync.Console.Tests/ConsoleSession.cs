using System.Runtime.CompilerServices;
using IssueSync.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace IssueSync.Console.Tests;

/// <summary>
/// One test's world: a real worker (the integration tests' <see cref="PipelineScenario"/>: PostgreSQL, RabbitMQ, the Jira
/// simulator, a connected user) with a viewer and an operator key, and a fresh browser context. A test that fails saves a
/// screenshot of its page under artifacts/console-tests/.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    public const string OperatorKey = "console-operator-key-0123456789abcdef01";
    public const string ViewerKey = "console-viewer-key-0123456789abcdef0123";
    public const string AdminKey = "console-admin-key-0123456789abcdef012345";

    private ConsoleSession(PipelineScenario scenario, IBrowserContext context, IPage page)
    {
        Scenario = scenario;
        Context = context;
        Page = page;
    }

    public PipelineScenario Scenario { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Console => new(Scenario.Worker.BaseUrl, "/console");

    public static async Task<ConsoleSession> StartAsync(IntegrationServices services, BrowserFixture browser)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(browser);
        var scenario = await PipelineScenario.StartAsync(services, worker: settings => settings with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Admin:Keys:olga-operator:Key"] = OperatorKey,
                ["Admin:Keys:olga-operator:Role"] = "operator",
                ["Admin:Keys:vic-viewer:Key"] = ViewerKey,
                ["Admin:Keys:vic-viewer:Role"] = "viewer",
                ["Admin:Keys:ada-admin:Key"] = AdminKey,
                ["Admin:Keys:ada-admin:Role"] = "admin",
            },
        });
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        return new ConsoleSession(scenario, context, await context.NewPageAsync());
    }

    public async Task SignInAsync(string key)
    {
        await Page.GotoAsync(new Uri(Console, "/console/sign-in").ToString());
        await Page.GetByTestId("key").FillAsync(key);
        await Page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    public Task GotoAsync(string path) => Page.GotoAsync(new Uri(Console, path).ToString());

    /// <summary>Runs a test's steps; when one fails, the page is saved as artifacts/console-tests/&lt;test&gt;.png first.</summary>
    public async Task StepsAsync(Func<Task> steps, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
        }
        catch
        {
            await ScreenshotAsync(Path.Combine(Artifacts.Directory, $"{test}.png"));
            throw;
        }
    }

    public Task ScreenshotAsync(string path) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Scenario.DisposeAsync();
    }
}

/// <summary>Where the browser tests put what they leave behind: artifacts/console-tests/ in the repository.</summary>
public static class Artifacts
{
    public static string Directory
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "IssueSync.sln")))
            {
                root = root.Parent;
            }

            var directory = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "console-tests");
            System.IO.Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
