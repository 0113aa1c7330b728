using System.Data;
using Medallion.Threading;
using Microsoft.Data.SqlClient;

namespace IssueSync.Worker.Connections.Locks;

/// <summary>
/// A distributed lock over SQL Server's <c>sp_getapplock</c> (session-owned, exclusive), because the
/// DistributedLock.SqlServer package is not obtainable from our package feed. Each held lock keeps one
/// connection open; the lock is released by <c>sp_releaseapplock</c> or, if the process dies, when SQL Server
/// closes the session. The lock is advisory: token rows still carry an optimistic concurrency token.
/// </summary>
public sealed class SqlServerAppLockProvider(string connectionString) : IDistributedLockProvider
{
    public IDistributedLock CreateLock(string name) => new AppLock(connectionString, name);

    private sealed class AppLock(string connectionString, string name) : IDistributedLock
    {
        // sp_getapplock resource names are at most 255 characters.
        private readonly string _resource = name.Length <= 255 ? name : name[..255];

        public string Name => name;

        public IDistributedSynchronizationHandle? TryAcquire(TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
            TryAcquireAsync(timeout, cancellationToken).AsTask().GetAwaiter().GetResult();

        public IDistributedSynchronizationHandle Acquire(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            AcquireAsync(timeout, cancellationToken).AsTask().GetAwaiter().GetResult();

        public async ValueTask<IDistributedSynchronizationHandle> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            await TryAcquireAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken) ?? throw new TimeoutException($"Timed out waiting for lock '{name}'.");

        public async ValueTask<IDistributedSynchronizationHandle?> TryAcquireAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default)
        {
            var connection = new SqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "sp_getapplock";
                command.CommandType = CommandType.StoredProcedure;
                command.CommandTimeout = 0;
                command.Parameters.AddWithValue("@Resource", _resource);
                command.Parameters.AddWithValue("@LockMode", "Exclusive");
                command.Parameters.AddWithValue("@LockOwner", "Session");
                command.Parameters.AddWithValue("@LockTimeout", timeout == Timeout.InfiniteTimeSpan ? -1 : (int)timeout.TotalMilliseconds);
                var result = command.Parameters.Add("@Result", SqlDbType.Int);
                result.Direction = ParameterDirection.ReturnValue;
                await command.ExecuteNonQueryAsync(cancellationToken);

                // 0 = granted, 1 = granted after waiting; negative = timeout, cancelled, deadlock victim or error.
                if ((int)result.Value >= 0)
                {
                    return new Handle(connection, _resource);
                }

                await connection.DisposeAsync();
                return null;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private sealed class Handle(SqlConnection connection, string resource) : IDistributedSynchronizationHandle
    {
        private int _released;

        public CancellationToken HandleLostToken => CancellationToken.None;

        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "sp_releaseapplock";
                command.CommandType = CommandType.StoredProcedure;
                command.Parameters.AddWithValue("@Resource", resource);
                command.Parameters.AddWithValue("@LockOwner", "Session");
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases a session-owned applock even if the release call failed.
                await connection.DisposeAsync();
            }
        }
    }
}
