var builder = WebApplication.CreateBuilder(args);
builder.AddIssueSyncWorker();
var app = builder.Build();

// `IssueSync.Worker migrate`: apply the database migrations and exit (the Kubernetes migrations Job).
if (args is ["migrate", ..])
{
    await app.Services.GetRequiredService<IssueSync.Worker.Hosting.DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    return;
}

app.MapIssueSyncWorker();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
