using System.Diagnostics;
using System.Text;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Options;
using IssueSync.Worker.Tests.Support;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Tests.Hosting;

/// <summary>
/// A configuration mistake is met with the settings to fix and exit status 1, never a stack trace: the worker runs
/// as its own process here, exactly as in a container.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("issuesync-startup-").FullName;

    [Fact]
    public async Task Invalid_settings_are_named_one_by_one_and_the_process_exits_with_1()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["Atlassian__ClientId"] = "",
            ["Atlassian__ClientSecret"] = "",
            ["IssueSync__ConcurrencyLimit"] = "0",
            ["IssueSync__Transport"] = "RabbitMq",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("IssueSync cannot start:", output, StringComparison.Ordinal);
        Assert.Contains("Atlassian:ClientId must be set.", output, StringComparison.Ordinal);
        Assert.Contains("Atlassian:ClientSecret must be set", output, StringComparison.Ordinal);
        Assert.Contains("IssueSync:ConcurrencyLimit:", output, StringComparison.Ordinal);
        Assert.Contains("IssueSync:RabbitMq:Uri is not set", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_at_migration_is_named()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=secret-not-printed;Timeout=2",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Database:ConnectionString: the Postgres database could not be migrated", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-not-printed", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task A_key_ring_certificate_that_cannot_be_loaded_is_named()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = Path.Combine(_directory, "missing.pfx"),
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("DataProtection:CertificatePath: the certificate that protects the key ring could not be loaded", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Outside_Development_short_keys_the_compose_dev_key_and_unknown_roles_are_refused_without_printing_a_key()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["Admin__ApiKeys__0"] = AdminOptionsValidator.DevelopmentKey,
            ["Admin__Keys__ops__Key"] = "short-but-16-plus-chars",
            ["Admin__Keys__ops__Role"] = "operator",
            ["Admin__Keys__root__Key"] = "a-long-enough-key-0123456789abcdef-0123",
            ["Admin__Keys__root__Role"] = "superuser",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Admin:ApiKeys:0 is the development key of docker-compose.yml", output, StringComparison.Ordinal);
        Assert.Contains("Admin:Keys:ops:Key is 23 characters long; outside Development every admin key must have at least 32", output, StringComparison.Ordinal);
        Assert.Contains("Admin:Keys:root:Role must be viewer, operator or admin, not 'superuser'.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("short-but-16-plus-chars", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a-long-enough-key", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("Development", AdminOptionsValidator.DevelopmentKey, true)]
    [InlineData("Development", "sixteen-chars-ok", true)]
    [InlineData("Development", "too-short", false)]
    [InlineData("Production", AdminOptionsValidator.DevelopmentKey, false)]
    [InlineData("Staging", "0123456789abcdef0123456789abcde", false)]
    [InlineData("Staging", "0123456789abcdef0123456789abcdef", true)]
    public void The_development_key_and_short_keys_are_accepted_only_in_Development(string environment, string key, bool accepted)
    {
        var options = new AdminOptions();
        options.Keys["ops"] = new AdminKeyOptions { Key = key, Role = "operator" };

        var result = new AdminOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task A_production_start_without_a_protected_key_ring_is_refused()
    {
        var (exitCode, output) = await RunWorkerAsync(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = "",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("DataProtection:CertificatePath: is not set, so the key ring that encrypts the OAuth tokens would be stored unencrypted", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public void Data_annotation_failures_are_given_the_key_an_operator_sets()
    {
        var failure = new OptionsValidationException(nameof(WorkerOptions), typeof(WorkerOptions),
            ["DataAnnotation validation failed for 'WorkerOptions' members: 'PrefetchCount' with the error: 'The field PrefetchCount must be between 1 and 4096.'."]);

        var problems = StartupFailure.Describe(new AggregateException(failure, new StartupException("Database:ConnectionString", "unreachable", null)));

        Assert.Equal(["IssueSync:PrefetchCount: The field PrefetchCount must be between 1 and 4096.", "Database:ConnectionString: unreachable"], problems);
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunWorkerAsync(Dictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IssueSync.Worker.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(_directory, "worker.db")}",
            ["Atlassian__ClientId"] = "client",
            ["Atlassian__ClientSecret"] = "secret",
            ["Atlassian__RedirectUri"] = "http://127.0.0.1:5080/oauth/callback",
            ["DataProtection__CertificatePath"] = TestKeyRing.CertificatePath,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The worker did not stop within 90 s:\n{await stdout}\n{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
