using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Web;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Worker.Tests.Admin;

/// <summary>
/// The OAuth <c>state</c> of an authorize link: consumed once even by two callbacks at the same moment, and revoked by a
/// newer link or a disconnect (an old link must not re-activate a connection).
/// </summary>
public sealed class OAuthStateTests : IAsyncLifetime
{
    private const string ApiKey = "worker-tests-admin-key-0123456789abcdef";
    private const string ViewerKey = "worker-tests-viewer-key-0123456789abcdef";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"issuesync-oauth-{Guid.NewGuid():N}.db");
    private readonly CountingOAuthClient _oauth = new();
    private readonly StateUpdateBarrier _barrier = new(participants: 2);
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting(KeyRingProtection.CertificatePathKey, TestKeyRing.CertificatePath);
            builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            builder.UseSetting("Atlassian:ClientId", "test-client");
            builder.UseSetting("Atlassian:ClientSecret", "test-secret");
            builder.UseSetting("Atlassian:RedirectUri", "http://localhost/oauth/callback");
            builder.UseSetting("Admin:ApiKeys:0", ApiKey);
            builder.UseSetting("Admin:Keys:dashboard:Key", ViewerKey);
            builder.UseSetting("Admin:Keys:dashboard:Role", "viewer");
            builder.UseSetting("IssueSync:DispatchInterval", "01:00:00");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IAtlassianOAuthClient>(_oauth);
                services.ConfigureDbContext<SqliteIssueSyncDbContext>((_, options) => options.AddInterceptors(_barrier));
            });
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Two_callbacks_with_one_state_at_the_same_moment_get_past_it_once()
    {
        var state = await CreateConnectionAsync("acme");
        _barrier.Arm();

        var answers = await Task.WhenAll(CallbackAsync(state), CallbackAsync(state));

        Assert.Equal(1, _oauth.Exchanges);
        Assert.Single(answers, a => a.Contains("used already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_old_link_is_refused_once_a_new_one_is_issued()
    {
        var old = await CreateConnectionAsync("acme");
        using var reauthorize = await _client.PostAsync(new Uri("/admin/connections/acme/authorize", UriKind.Relative), null, TestContext.Current.CancellationToken);
        reauthorize.EnsureSuccessStatusCode();

        var answer = await CallbackAsync(old);

        Assert.Contains("Unknown state", answer, StringComparison.Ordinal);
        Assert.Equal(0, _oauth.Exchanges);
    }

    [Fact]
    public async Task An_old_link_is_refused_after_a_disconnect()
    {
        var old = await CreateConnectionAsync("acme");
        using var disconnect = await _client.DeleteAsync(new Uri("/admin/connections/acme", UriKind.Relative), TestContext.Current.CancellationToken);
        disconnect.EnsureSuccessStatusCode();

        var answer = await CallbackAsync(old);

        Assert.Contains("Unknown state", answer, StringComparison.Ordinal);
        Assert.Equal(0, _oauth.Exchanges);
    }

    [Fact]
    public async Task A_reconnect_whose_account_reaches_another_single_site_is_not_moved_there()
    {
        var first = await CreateConnectionAsync("acme");
        _oauth.Sites = [new AccessibleResource("cloud-a", "Acme", "https://acme.atlassian.net", [], null)];
        await CallbackAsync(first, HttpStatusCode.OK);
        using var reauthorize = await _client.PostAsync(new Uri("/admin/connections/acme/authorize", UriKind.Relative), null, TestContext.Current.CancellationToken);
        var link = await reauthorize.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        var second = HttpUtility.ParseQueryString(new Uri(link.GetProperty("authorizeUrl").GetString()!).Query)["state"]!;
        _oauth.Sites = [new AccessibleResource("cloud-b", "Other", "https://other.atlassian.net", [], null)];

        await CallbackAsync(second, HttpStatusCode.OK);

        var connection = await _client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/admin/connections/acme", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("AwaitingSiteChoice", connection.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_first_consent_binds_the_connection_to_the_consenting_account()
    {
        var state = await CreateConnectionAsync("acme");
        _oauth.Sites = [new AccessibleResource("cloud-a", "Acme", "https://acme.atlassian.net", [], null)];

        await CallbackAsync(state, HttpStatusCode.OK);

        var connection = await ConnectionAsync("acme");
        Assert.Equal("Active", connection.GetProperty("status").GetString());
        Assert.Equal("account-mia", connection.GetProperty("atlassianAccountId").GetString());
        Assert.Equal("Mia Krystof <mia@example.com>", connection.GetProperty("atlassianAccount").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, connection.GetProperty("pendingAccountId").ValueKind);
    }

    [Fact]
    public async Task A_reconnect_by_another_account_is_held_until_an_admin_confirms_that_account()
    {
        await ConnectAsync("acme");
        _oauth.Account = new AtlassianAccount("account-eve", "Eve", null);

        var page = await CallbackAsync(await ReauthorizeAsync("acme"), HttpStatusCode.OK);

        Assert.Contains("until an IssueSync operator confirms", page, StringComparison.Ordinal);
        var held = await ConnectionAsync("acme");
        Assert.Equal("AwaitingAccountConfirmation", held.GetProperty("status").GetString());
        Assert.Equal("account-mia", held.GetProperty("atlassianAccountId").GetString());
        Assert.Equal("account-eve", held.GetProperty("pendingAccountId").GetString());
        Assert.Contains("Eve (account-eve)", held.GetProperty("statusReason").GetString(), StringComparison.Ordinal);

        using var viewer = _factory.CreateClient();
        viewer.DefaultRequestHeaders.Add("X-Api-Key", ViewerKey);
        using var byViewer = await viewer.PostAsJsonAsync(new Uri("/admin/connections/acme/account/confirm", UriKind.Relative), new { accountId = "account-eve" },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        using var wrongAccount = await _client.PostAsJsonAsync(new Uri("/admin/connections/acme/account/confirm", UriKind.Relative), new { accountId = "account-mallory" },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, wrongAccount.StatusCode);
        Assert.Equal("AwaitingAccountConfirmation", (await ConnectionAsync("acme")).GetProperty("status").GetString());

        using var confirmed = await _client.PostAsJsonAsync(new Uri("/admin/connections/acme/account/confirm", UriKind.Relative), new { accountId = "account-eve" },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var bound = await ConnectionAsync("acme");
        Assert.Equal("Active", bound.GetProperty("status").GetString());
        Assert.Equal("account-eve", bound.GetProperty("atlassianAccountId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bound.GetProperty("pendingAccountId").ValueKind);
    }

    [Fact]
    public async Task A_confirmed_account_that_reaches_another_site_waits_for_a_site_choice()
    {
        await ConnectAsync("acme");
        _oauth.Account = new AtlassianAccount("account-eve", "Eve", null);
        _oauth.Sites = [new AccessibleResource("cloud-b", "Other", "https://other.atlassian.net", [], null)];
        await CallbackAsync(await ReauthorizeAsync("acme"), HttpStatusCode.OK);

        using var confirmed = await _client.PostAsJsonAsync(new Uri("/admin/connections/acme/account/confirm", UriKind.Relative), new { accountId = "account-eve" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var connection = await ConnectionAsync("acme");
        Assert.Equal("AwaitingSiteChoice", connection.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, connection.GetProperty("cloudId").ValueKind);
    }

    [Fact]
    public async Task A_refused_reconnect_erases_the_held_tokens_and_waits_for_the_bound_account()
    {
        await ConnectAsync("acme");
        _oauth.Account = new AtlassianAccount("account-eve", "Eve", null);
        await CallbackAsync(await ReauthorizeAsync("acme"), HttpStatusCode.OK);

        using var refused = await _client.PostAsync(new Uri("/admin/connections/acme/account/refuse", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var connection = await ConnectionAsync("acme");
        Assert.Equal("ReauthorizationRequired", connection.GetProperty("status").GetString());
        Assert.Equal("account-mia", connection.GetProperty("atlassianAccountId").GetString());
        Assert.Contains("Mia Krystof <mia@example.com> (account-mia)", connection.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        await using var scope = _factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>().Connections.SingleAsync(c => c.Name == "acme", TestContext.Current.CancellationToken);
        Assert.Null(stored.ProtectedRefreshToken);
        Assert.Null(stored.ProtectedAccessToken);
        Assert.Null(stored.PendingAtlassianAccountId);
    }

    [Fact]
    public async Task A_reconnect_by_the_same_account_renews_the_grant_at_once()
    {
        await ConnectAsync("acme");

        await CallbackAsync(await ReauthorizeAsync("acme"), HttpStatusCode.OK);

        var connection = await ConnectionAsync("acme");
        Assert.Equal("Active", connection.GetProperty("status").GetString());
        Assert.Equal("account-mia", connection.GetProperty("atlassianAccountId").GetString());
    }

    [Fact]
    public async Task The_callback_page_is_never_cached_and_runs_nothing()
    {
        using var browser = _factory.CreateClient();
        using var answer = await browser.GetAsync(new Uri("/oauth/callback?code=c&state=unknown", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>A connection consented by the default account on one site: active.</summary>
    private async Task ConnectAsync(string name)
    {
        var state = await CreateConnectionAsync(name);
        _oauth.Sites = [new AccessibleResource("cloud-a", "Acme", "https://acme.atlassian.net", [], null)];
        await CallbackAsync(state, HttpStatusCode.OK);
        Assert.Equal("Active", (await ConnectionAsync(name)).GetProperty("status").GetString());
    }

    private async Task<string> ReauthorizeAsync(string name)
    {
        using var reauthorize = await _client.PostAsync(new Uri($"/admin/connections/{name}/authorize", UriKind.Relative), null, TestContext.Current.CancellationToken);
        reauthorize.EnsureSuccessStatusCode();
        var link = await reauthorize.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        return HttpUtility.ParseQueryString(new Uri(link.GetProperty("authorizeUrl").GetString()!).Query)["state"]!;
    }

    private Task<System.Text.Json.JsonElement> ConnectionAsync(string name) =>
        _client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri($"/admin/connections/{name}", UriKind.Relative), TestContext.Current.CancellationToken);

    private async Task<string> CreateConnectionAsync(string name)
    {
        using var created = await _client.PostAsJsonAsync(new Uri("/admin/connections", UriKind.Relative), new { name }, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        var url = new Uri(body.GetProperty("authorizeUrl").GetString()!);
        return HttpUtility.ParseQueryString(url.Query)["state"]!;
    }

    private async Task<string> CallbackAsync(string state, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        using var browser = _factory.CreateClient();
        using var answer = await browser.GetAsync(new Uri($"/oauth/callback?code=the-code&state={Uri.EscapeDataString(state)}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(expected, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Atlassian, counting code exchanges; an exchange is refused until <see cref="Sites"/> is set.</summary>
    private sealed class CountingOAuthClient : IAtlassianOAuthClient
    {
        private int _exchanges;

        public int Exchanges => _exchanges;

        public IReadOnlyList<AccessibleResource>? Sites { get; set; }

        public Uri BuildAuthorizationUrl(string state) => new($"https://auth.example/authorize?state={Uri.EscapeDataString(state)}");

        public Task<OAuthTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _exchanges);
            return Task.FromResult(Sites is null
                ? OAuthTokenResult.Failure(new OAuthError { Kind = OAuthErrorKind.Failed, Message = "refused by the test" })
                : OAuthTokenResult.Success(new OAuthTokens { AccessToken = "access", RefreshToken = "refresh", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), Scope = "offline_access" }));
        }

        public Task<OAuthTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AccessibleResourcesResult> GetAccessibleResourcesAsync(string accessToken, CancellationToken cancellationToken) =>
            Task.FromResult(AccessibleResourcesResult.Success(Sites ?? []));

        /// <summary>The account that consents (what <c>/me</c> answers).</summary>
        public AtlassianAccount Account { get; set; } = new("account-mia", "Mia Krystof", "mia@example.com");

        public Task<AtlassianAccountResult> GetMeAsync(string accessToken, CancellationToken cancellationToken) =>
            Task.FromResult(AtlassianAccountResult.Success(Account));
    }

    /// <summary>
    /// Once armed, holds every UPDATE of <c>oauth_states</c> until <paramref name="participants"/> of them are waiting,
    /// then lets them all run: both callbacks have read the state before either marks it used.
    /// </summary>
    private sealed class StateUpdateBarrier(int participants) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private int _waiting;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await WaitAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await WaitAsync(command, cancellationToken);
            return result;
        }

        private async Task WaitAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _armed) == 0 || !command.CommandText.Contains("UPDATE \"oauth_states\"", StringComparison.Ordinal))
            {
                return;
            }

            if (Interlocked.Increment(ref _waiting) >= participants)
            {
                _all.TrySetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}
