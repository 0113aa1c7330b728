using IssueSync.Worker.Hosting;

// `IssueSync.Worker key-ring-certificate <path>`: write a self-signed key-ring certificate unless one is there (compose's
// one-shot dev certificate; production mounts its own from a secret).
if (args is ["key-ring-certificate", var certificatePath])
{
    if (!File.Exists(certificatePath))
    {
        KeyRingProtection.WriteSelfSignedCertificate(certificatePath, Environment.GetEnvironmentVariable("DataProtection__CertificatePassword"), TimeProvider.System);
    }

    return 0;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddIssueSyncWorker();
    var app = builder.Build();
    StartupFailure.ValidateAll(app.Services);

    // `IssueSync.Worker migrate`: apply the database migrations and exit (the Kubernetes migrations Job).
    if (args is ["migrate", ..])
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return 0;
    }

    app.MapIssueSyncWorker();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problems)
{
    // A setting to fix, not a bug: say which, without a stack trace.
    return StartupFailure.Report(problems, Console.Error);
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
