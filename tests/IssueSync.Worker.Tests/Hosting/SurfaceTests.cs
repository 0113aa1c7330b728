using System.Net;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Worker.Tests.Hosting;

/// <summary>
/// The public port serves the OAuth callback and health only; the admin API and <c>/metrics</c> exist on the operator
/// port alone. The test server has no sockets, so a start-up filter gives each request the local port of the URL it
/// was sent to, as Kestrel would.
/// </summary>
public sealed class SurfaceTests : IAsyncLifetime
{
    private const string ApiKey = "worker-tests-admin-key-0123456789abcdef";
    private const int PublicPort = 8080;
    private const int OperatorPort = 8081;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"issuesync-surfaces-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> _factory = null!;

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
            builder.UseSetting("IssueSync:DispatchInterval", "01:00:00");
            builder.UseSetting("Surfaces:OperatorPort", OperatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Surfaces:PublicRequestsPerMinute", "3");
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, LocalPortFromUrl>());
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("/admin/connections")]
    [InlineData("/admin/failures")]
    [InlineData("/metrics")]
    public async Task Operator_endpoints_are_not_served_on_the_public_port(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(PublicPort, path));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(OperatorPort, path));
    }

    [Fact]
    public async Task Health_is_served_on_the_public_port()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync(PublicPort, "/health/live"));
    }

    [Fact]
    public async Task The_public_callback_is_rate_limited_per_client()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await GetAsync(PublicPort, "/oauth/callback?code=c&state=unknown"));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
    }

    private async Task<HttpStatusCode> GetAsync(int port, string path)
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://localhost:{port}") });
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        using var answer = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return answer.StatusCode;
    }

    private sealed class LocalPortFromUrl : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.LocalPort = http.Request.Host.Port ?? 80;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
