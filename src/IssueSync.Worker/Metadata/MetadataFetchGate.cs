using System.Collections.Concurrent;

namespace IssueSync.Worker.Metadata;

/// <summary>
/// One create-metadata fetch at a time per (site, project, issue type) in this replica: when many commands for a
/// new project arrive at once, one of them asks Jira and the others wait for its answer in the cache.
/// </summary>
public sealed class MetadataFetchGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
