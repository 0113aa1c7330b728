using System.Net.Http.Json;
using IssueSync.JiraSimulator.Admin;

namespace IssueSync.Harness;

/// <summary>The Jira simulator as its own process (<c>dotnet IssueSync.JiraSimulator.dll --urls …</c>).</summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly ManagedProcess _process;
    private readonly HttpClient _http;

    private SimulatorProcess(HarnessSettings settings, ManagedProcess process)
    {
        _process = process;
        Url = settings.SimulatorUrl;
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(120) };
        Admin = new JiraSimulatorAdminClient(_http);
    }

    public Uri Url { get; }

    public JiraSimulatorAdminClient Admin { get; }

    public string LogPath => _process.LogPath;

    public static async Task<SimulatorProcess> StartAsync(HarnessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var assembly = BuiltArtifacts.Find(settings.RepositoryRoot, "IssueSync.JiraSimulator");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings.SimulatorEnvironment)
        {
            environment[key] = value;
        }

        var process = new ManagedProcess("simulator", assembly, ["--urls", settings.SimulatorUrl.AbsoluteUri.TrimEnd('/')], environment,
            settings.LogPath("simulator"));
        var simulator = new SimulatorProcess(settings, process);
        process.Start();
        await Readiness.WaitForHttpOkAsync(new Uri(settings.SimulatorUrl, "_simulator/health"), TimeSpan.FromSeconds(60),
            () => $"the simulator did not answer /_simulator/health within 60 s:\n{process.Tail()}", cancellationToken);
        return simulator;
    }

    /// <summary>
    /// <c>PUT /_simulator/config</c> with a JSON body as given (only the settings named change), for settings the
    /// typed <see cref="JiraSimulatorAdminClient.UpdateConfigAsync"/> of this version may not know.
    /// </summary>
    public async Task UpdateConfigAsync(object settings, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsJsonAsync("_simulator/config", settings, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HarnessException($"PUT /_simulator/config answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>
    /// Registers a redirect URI on the simulator's OAuth app (<c>POST /_simulator/app/callbacks</c>), as adding a
    /// callback in Atlassian's developer console. A simulator without that endpoint accepts any loopback URI.
    /// </summary>
    public async Task RegisterCallbackAsync(Uri callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        using var response = await _http.PostAsJsonAsync("_simulator/app/callbacks", new { url = callback.AbsoluteUri }, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound && !response.IsSuccessStatusCode)
        {
            throw new HarnessException($"POST /_simulator/app/callbacks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
        _http.Dispose();
    }
}
