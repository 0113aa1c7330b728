using System.Net.Http.Json;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.JiraSimulator;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// One end-to-end setup: a fresh database, the Jira simulator, a connected demo user, and one or more worker
/// replicas consuming a queue of their own on the real broker.
/// </summary>
public sealed class PipelineScenario : IAsyncDisposable
{
    public const string Connection = "acme";
    public const string AccountId = "5b10ac8d82e05b22cc7d4ef5";

    /// <summary>The simulator's second user: reaches only the first site, and OPS has no priority on its create screen.</summary>
    public const string OtherAccountId = "712020:4f9b2c6e-8a1d-4e3b-9c5f-2d7a0b6e1f38";
    public const string CloudId = "8a4c2f10-3b5e-4d7a-9f61-0c2d3e4f5a61";
    public const string SecondCloudId = "c71e9d32-5a4b-4c8e-8b27-6f1a2b3c4d52";

    private readonly List<WorkerInstance> _workers = [];
    private readonly List<IAsyncDisposable> _disposables = [];

    private PipelineScenario(JiraSimulatorHost simulator, WorkerSettings settings)
    {
        Simulator = simulator;
        Settings = settings;
    }

    public JiraSimulatorHost Simulator { get; }

    public WorkerSettings Settings { get; }

    public IReadOnlyList<WorkerInstance> Workers => _workers;

    public WorkerInstance Worker => _workers[0];

    /// <summary>Every access and refresh token the simulator minted for this scenario's connections.</summary>
    public List<string> IssuedTokens { get; } = [];

    public static async Task<PipelineScenario> StartAsync(IntegrationServices services, int replicas = 1,
        Action<SimulatorOptions>? simulator = null, Func<WorkerSettings, WorkerSettings>? worker = null, bool connect = true,
        Action<int, IServiceCollection>? replicaServices = null, TimeProvider? simulatorTime = null, string? database = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        database ??= await services.CreateDatabaseAsync();
        var host = await JiraSimulatorHost.StartAsync(simulator, simulatorTime);
        var settings = new WorkerSettings(database, services.RabbitMqUri, services.UniqueName("create-issue"), host.BaseUrl);
        settings = worker?.Invoke(settings) ?? settings;
        var scenario = new PipelineScenario(host, settings);
        for (var i = 0; i < replicas; i++)
        {
            var index = i;
            scenario._workers.Add(await WorkerInstance.StartAsync(settings, $"replica-{i + 1}",
                configureServices: replicaServices is null ? null : s => replicaServices(index, s)));
        }

        if (connect)
        {
            await scenario.ConnectAsync();
        }

        return scenario;
    }

    /// <summary>Stores the demo user's tokens (minted by the simulator) as an active connection on the first site.</summary>
    public async Task ConnectAsync(string name = Connection, string accountId = AccountId)
    {
        var tokens = await Simulator.Admin.IssueTokensAsync(accountId);
        IssuedTokens.Add(tokens.AccessToken);
        IssuedTokens.Add(tokens.RefreshToken!);
        await using var scope = Worker.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
        var now = DateTime.UtcNow;
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == name);
        if (connection is null)
        {
            connection = new JiraConnection { Id = Guid.NewGuid(), Name = name, CreatedAt = now };
            db.Connections.Add(connection);
        }

        connection.Status = ConnectionStatus.Active;
        connection.StatusReason = null;
        connection.AtlassianAccountId = accountId;
        connection.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
        connection.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken!);
        connection.AccessTokenExpiresAt = now.AddSeconds(tokens.ExpiresIn);
        connection.CloudId = CloudId;
        connection.SiteUrl = "https://acme.atlassian.net";
        connection.SiteName = "Acme";
        connection.AvailableSitesJson = JsonSerializer.Serialize(new[]
        {
            new { id = CloudId, name = "Acme", url = "https://acme.atlassian.net", scopes = Array.Empty<string>() },
            new { id = SecondCloudId, name = "Acme Labs", url = "https://acme-labs.atlassian.net", scopes = Array.Empty<string>() },
        });
        connection.UpdatedAt = now;
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Asks the admin API for a reconnect link and completes it as <paramref name="accountId"/> (the Atlassian account the
    /// user's browser is signed in with): consent at the simulator, then the worker's callback. Returns the callback's page.
    /// </summary>
    public async Task<string> ReconnectAsAsync(string accountId, string name = Connection)
    {
        using var admin = Worker.AdminClient();
        using var issued = await admin.PostAsync(new Uri($"/admin/connections/{Uri.EscapeDataString(name)}/authorize", UriKind.Relative), null);
        issued.EnsureSuccessStatusCode();
        var link = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("authorizeUrl").GetString()!;
        var (code, state) = await ConsentAsync(new Uri($"{link}&login_hint={Uri.EscapeDataString(accountId)}"));
        using var callback = new HttpClient { BaseAddress = Worker.BaseUrl };
        using var page = await callback.GetAsync(Callback(code, state));
        page.EnsureSuccessStatusCode();
        return await page.Content.ReadAsStringAsync();
    }

    /// <summary>Opens an authorize URL at the simulator, which consents at once and redirects back with the code and our state.</summary>
    public static async Task<(string Code, string State)> ConsentAsync(Uri authorizeUrl)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(authorizeUrl);
        if (consent.StatusCode != System.Net.HttpStatusCode.Redirect || consent.Headers.Location is not { } redirect)
        {
            throw new InvalidOperationException($"The simulator did not redirect back after consent ({(int)consent.StatusCode}).");
        }

        var query = System.Web.HttpUtility.ParseQueryString(redirect.Query);
        return (query["code"]!, query["state"]!);
    }

    /// <summary>The worker's OAuth callback for a code and a state, relative to its base URL.</summary>
    public static Uri Callback(string code, string state) =>
        new($"/oauth/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}", UriKind.Relative);

    public static CreateIssue Command(string key, Func<CreateIssue, CreateIssue>? change = null)
    {
        var command = new CreateIssue
        {
            IdempotencyKey = key,
            ConnectionId = Connection,
            ProjectKey = "OPS",
            IssueType = "Task",
            Summary = $"Disk almost full on db-{key}",
            DescriptionMarkdown = "## What happened\n\nThe **disk** on `db-1` is at 97%.\n\n- check `/var/lib`\n- rotate logs",
            Priority = "High",
            Labels = ["ops", "disk"],
            CorrelationId = $"corr-{key}",
        };
        return change is null ? command : change(command);
    }

    public async Task SendAsync(params CreateIssue[] commands)
    {
        var endpoint = await Worker.Bus.GetSendEndpoint(new Uri($"exchange:{Settings.InputQueue}"));
        foreach (var command in commands)
        {
            await endpoint.Send(command);
        }
    }

    /// <summary>Waits until every given command has reached a state the predicate accepts, and returns them.</summary>
    public async Task<List<IssueCommand>> WaitForAsync(IReadOnlyCollection<string> keys, Func<IssueCommand, bool> done, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var commands = await CommandsAsync(keys);
            if (commands.Count == keys.Count && commands.All(done))
            {
                return commands;
            }

            if (DateTime.UtcNow > deadline)
            {
                var states = string.Join(", ", commands.Select(c => $"{c.IdempotencyKey}={c.State}/{c.ReasonCode}/{c.LastError}"));
                throw new TimeoutException($"Only {commands.Count(done)} of {keys.Count} commands are done: {states}");
            }

            await Task.Delay(100);
        }
    }

    public Task<List<IssueCommand>> WaitForTerminalAsync(IReadOnlyCollection<string> keys, TimeSpan? patience = null) =>
        WaitForAsync(keys, c => c.State is CommandState.Created or CommandState.Failed, patience);

    /// <summary>The rejected-message row recorded for an idempotency key, polled until <paramref name="patience"/> (30 s) ends.</summary>
    public async Task<RejectedMessage> WaitForRejectionAsync(string key, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = await WithDbAsync(db => db.RejectedMessages.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no rejection of {key} was recorded");
            await Task.Delay(50);
        }
    }

    public Task<List<IssueCommand>> CommandsAsync(IReadOnlyCollection<string> keys) =>
        WithDbAsync(db => db.Commands.AsNoTracking().Include(c => c.AttemptLog).Where(c => keys.Contains(c.IdempotencyKey)).ToListAsync());

    /// <summary>A query on the scenario's database through a context of its own (no replica needs to be running).</summary>
    public async Task<T> WithDbAsync<T>(Func<IssueSyncDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
        builder.UseIssueSyncPostgres(Settings.DatabaseConnectionString);
        await using var db = new PostgresIssueSyncDbContext(builder.Options);
        return await query(db);
    }

    public void Track(IAsyncDisposable disposable) => _disposables.Add(disposable);

    /// <summary>Stops one replica (its host shuts down gracefully) and forgets it.</summary>
    public async Task StopWorkerAsync(int index)
    {
        var worker = _workers[index];
        _workers.RemoveAt(index);
        await worker.DisposeAsync();
    }

    /// <summary>Starts one more replica with the scenario's settings.</summary>
    public async Task<WorkerInstance> AddWorkerAsync(Action<IServiceCollection>? configureServices = null)
    {
        var worker = await WorkerInstance.StartAsync(Settings, $"replica-{_workers.Count + 1}-{Guid.NewGuid():N}"[..20], configureServices: configureServices);
        _workers.Add(worker);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        await Simulator.DisposeAsync();
    }
}
