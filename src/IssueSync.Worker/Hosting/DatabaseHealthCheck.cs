using IssueSync.Worker.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IssueSync.Worker.Hosting;

/// <summary>Ready only when the database answers (part of /health/ready, never of /health/live).</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} answers")
                : HealthCheckResult.Unhealthy($"{db.Database.ProviderName} does not answer");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable", ex);
        }
    }
}
