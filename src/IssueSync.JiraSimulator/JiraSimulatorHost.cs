using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IssueSync.JiraSimulator;

/// <summary>
/// The simulator in-process on <c>http://127.0.0.1:{random port}</c>, for tests and tools. One <see cref="BaseUrl"/>
/// serves both the auth paths and the API paths.
/// </summary>
public sealed class JiraSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _adminHttp;

    private JiraSimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = app.Services.GetRequiredService<SimulatorState>();
        _adminHttp = new HttpClient { BaseAddress = baseUrl };
        Admin = new JiraSimulatorAdminClient(_adminHttp, State.Options.AdminApiKey);
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Direct access to the in-memory state.</summary>
    public SimulatorState State { get; }

    /// <summary>The admin API over HTTP (with the admin key when one is configured).</summary>
    public JiraSimulatorAdminClient Admin { get; }

    public static async Task<JiraSimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(JiraSimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddJiraSimulator(configure, time);
        var app = builder.Build();
        app.MapJiraSimulator();
        await app.StartAsync(ct);
        var address = (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.")).Addresses.First();
        return new JiraSimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        _adminHttp.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
