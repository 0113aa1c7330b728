using System.Net;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IssueSync.Worker.Tests.Hosting;

/// <summary>The real Program with its committed appsettings.json: SQLite and the in-memory transport, no external service.</summary>
public sealed class WorkerHostTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"issuesync-test-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_embedded_default_starts_without_external_services_and_reports_ready()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("database", checks);
        Assert.Contains("masstransit-bus", checks);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(File.Exists(_database), "the SQLite database was not created by the startup migration");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-shm", _database + "-wal" })
        {
            File.Delete(file);
        }
    }

    private WebApplicationFactory<Program> Factory(params (string Key, string Value)[] overrides) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting(KeyRingProtection.CertificatePathKey, TestKeyRing.CertificatePath);
            builder.UseSetting("Database:ConnectionString", $"Data Source={_database}");
            builder.UseSetting("Atlassian:ClientId", "test-client");
            builder.UseSetting("Atlassian:ClientSecret", "test-secret");
            builder.UseSetting("Atlassian:RedirectUri", "http://localhost/oauth/callback");
            foreach (var (key, value) in overrides)
            {
                builder.UseSetting(key, value);
            }
        });
}
