namespace IssueSync.Harness;

/// <summary>The worker replicas of a run, one per <see cref="HarnessSettings.Workers"/> slot.</summary>
public sealed class WorkerFleet : IAsyncDisposable
{
    private readonly List<WorkerProcess> _workers;

    private WorkerFleet(List<WorkerProcess> workers) => _workers = workers;

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    public int Kills => _workers.Sum(w => w.Kills);

    /// <summary>Migrates the database, then starts every worker and waits until each reports ready.</summary>
    public static async Task<WorkerFleet> StartAsync(HarnessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await WorkerProcess.MigrateAsync(settings, cancellationToken);
        var fleet = new WorkerFleet([.. settings.Workers.Select(slot => WorkerProcess.Create(settings, slot))]);
        try
        {
            // One after the other: on two cores, parallel starts only make each slower.
            foreach (var worker in fleet._workers)
            {
                await worker.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }

        return fleet;
    }

    /// <summary>A worker that is running now (for admin calls), preferring the given slot.</summary>
    public WorkerProcess AnyRunning(int preferred = 0) =>
        _workers[preferred].IsRunning ? _workers[preferred] : _workers.FirstOrDefault(w => w.IsRunning)
            ?? throw new HarnessException("No worker process is running.");

    /// <summary>Stops every worker (SIGTERM, then waits), so that nothing changes any more while a run is judged.</summary>
    public Task StopAllAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_workers.Select(w => w.StopAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_workers.Select(w => w.DisposeAsync().AsTask()));
    }
}
