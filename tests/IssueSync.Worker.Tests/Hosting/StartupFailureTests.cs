using System.Diagnostics;
using System.Text;
using IssueSync.Worker.Hosting;
using IssueSync.Worker.Options;
using IssueSync.Worker.Tests.Support;
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
