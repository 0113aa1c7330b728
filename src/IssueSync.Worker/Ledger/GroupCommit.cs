namespace IssueSync.Worker.Ledger;

/// <summary>
/// Writes many small requests in one go (a group commit): while one write is under way, the requests that arrive
/// meanwhile wait and go together in the next. Nothing waits on a timer: a request that arrives while nothing is being
/// written is written at once, alone. Each caller's task completes when the write that carried its request did, or
/// fails with that write's exception.
/// </summary>
public sealed class GroupCommit<T>
{
    private readonly Func<IReadOnlyList<T>, Task> _write;
    private readonly int _maxBatch;
    private readonly Lock _lock = new();
    private readonly List<(T Item, TaskCompletionSource Done)> _waiting = [];
    private bool _writing;
    private Task _drain = Task.CompletedTask;

    public GroupCommit(Func<IReadOnlyList<T>, Task> write, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _write = write;
        _maxBatch = maxBatch;
    }

    /// <summary>Queues <paramref name="item"/> for the next write; completes once it is written.</summary>
    public Task AddAsync(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Task>? drain = null;
        lock (_lock)
        {
            _waiting.Add((item, done));
            if (!_writing)
            {
                // Off the caller's stack (started below, outside the lock): the first caller must not carry the
                // writes of everyone who came after it.
                _writing = true;
                drain = new Task<Task>(WriteWaitingAsync);
                _drain = drain.Unwrap();
            }
        }

        drain?.Start(TaskScheduler.Default);
        return done.Task;
    }

    /// <summary>Completes once everything queued so far has been written (or failed).</summary>
    public async Task IdleAsync()
    {
        while (true)
        {
            Task drain;
            lock (_lock)
            {
                if (!_writing)
                {
                    return;
                }

                drain = _drain;
            }

            await drain;
        }
    }

    private async Task WriteWaitingAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }

                var take = Math.Min(_waiting.Count, _maxBatch);
                batch = _waiting.GetRange(0, take);
                _waiting.RemoveRange(0, take);
            }

            try
            {
                await _write(batch.ConvertAll(b => b.Item));
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }
        }
    }
}
