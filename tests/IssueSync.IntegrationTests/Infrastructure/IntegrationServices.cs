using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>
/// The real RabbitMQ and PostgreSQL every integration test runs against, shared by the whole test assembly
/// (an xunit assembly fixture). Services come from ISSUESYNC_TEST_RABBITMQ / ISSUESYNC_TEST_POSTGRES
/// (tests/run.sh sets them, starting local services when needed), or from Testcontainers when
/// ISSUESYNC_TEST_CONTAINERS=true. When they cannot be reached the tests fail with the reason: nothing is skipped.
/// Tests share the services, not state: each takes its own database (<see cref="CreateDatabaseAsync"/>) and
/// its own queue names (<see cref="UniqueName"/>).
/// </summary>
public sealed class IntegrationServices : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<string> _queues = [];
    private PostgreSqlContainer? _postgresContainer;
    private RabbitMqContainer? _rabbitContainer;
    private string? _startupError;

    public Uri RabbitMqUri { get; private set; } = null!;

    public string PostgresAdminConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        try
        {
            await ResolveServicesAsync();
            await CheckRabbitMqAsync();
            await CheckPostgresAsync();
        }
        catch (Exception ex)
        {
            // Reported by every test that asks for a service (EnsureAvailable), rather than as one collection error.
            _startupError = $"Integration services are not reachable: {ex.GetType().Name}: {ex.Message}. " +
                "Run the tests through tests/run.sh, which starts RabbitMQ and PostgreSQL, or set ISSUESYNC_TEST_RABBITMQ " +
                "(amqp://user:pass@host:port/) and ISSUESYNC_TEST_POSTGRES (an Npgsql connection string).";
        }
    }

    public void EnsureAvailable()
    {
        if (_startupError is not null)
        {
            throw new InvalidOperationException(_startupError);
        }
    }

    /// <summary>A name no other test or run uses, for queues and endpoints.</summary>
    public string UniqueName(string purpose)
    {
        var name = $"it-{purpose}-{Guid.NewGuid():N}"[..Math.Min(60, purpose.Length + 36)];
        lock (_queues)
        {
            _queues.Add(name);
        }

        return name;
    }

    /// <summary>Creates an empty PostgreSQL database for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var name = $"issuesync_it_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task<IConnection> ConnectRabbitMqAsync(CancellationToken cancellationToken = default)
    {
        EnsureAvailable();
        var factory = new ConnectionFactory { Uri = RabbitMqUri, ClientProvidedName = "issuesync-integration-tests" };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>Messages ready in a queue, or 0 when it does not exist (yet).</summary>
    public async Task<uint> QueueDepthAsync(string queue)
    {
        await using var connection = await ConnectRabbitMqAsync();
        var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            // RabbitMQ closes the channel when the queue does not exist.
            return 0;
        }
        finally
        {
            try
            {
                await channel.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>
    /// Fails unless the queue exists as a quorum queue. RabbitMQ refuses to redeclare a queue with another
    /// x-queue-type: the refusal proves what the queue is. Pass the initial group size MassTransit declared it
    /// with (SetQuorumQueue(n)), so that x-queue-type is the only argument that differs.
    /// </summary>
    public async Task AssertQueueIsQuorumAsync(string queue, int? initialGroupSize = null, IReadOnlyDictionary<string, object?>? otherArguments = null)
    {
        await using var connection = await ConnectRabbitMqAsync();
        Dictionary<string, object?> Arguments(string type)
        {
            var arguments = new Dictionary<string, object?>(otherArguments ?? new Dictionary<string, object?>()) { ["x-queue-type"] = type };
            if (initialGroupSize is { } size)
            {
                arguments["x-quorum-initial-group-size"] = size;
            }

            return arguments;
        }

        await using (var quorum = await connection.CreateChannelAsync())
        {
            await quorum.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: Arguments("quorum"));
        }

        await using var classic = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => classic.QueueDeclareAsync(queue, durable: true,
            exclusive: false, autoDelete: false, arguments: Arguments("classic")));
        Assert.Contains("x-queue-type", refused.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_startupError is null)
        {
            await DropDatabasesAsync();
            await DeleteQueuesAsync();
        }

        if (_postgresContainer is not null)
        {
            await _postgresContainer.DisposeAsync();
        }

        if (_rabbitContainer is not null)
        {
            await _rabbitContainer.DisposeAsync();
        }
    }

    private async Task ResolveServicesAsync()
    {
        var rabbit = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_RABBITMQ");
        var postgres = Environment.GetEnvironmentVariable("ISSUESYNC_TEST_POSTGRES");
        var useContainers = string.Equals(Environment.GetEnvironmentVariable("ISSUESYNC_TEST_CONTAINERS"), "true", StringComparison.OrdinalIgnoreCase);

        if (!string.IsNullOrWhiteSpace(rabbit) && !string.IsNullOrWhiteSpace(postgres))
        {
            RabbitMqUri = new Uri(rabbit);
            PostgresAdminConnectionString = postgres;
            return;
        }

        if (!useContainers)
        {
            throw new InvalidOperationException("neither ISSUESYNC_TEST_RABBITMQ/ISSUESYNC_TEST_POSTGRES nor ISSUESYNC_TEST_CONTAINERS=true is set");
        }

        _postgresContainer = new PostgreSqlBuilder("postgres:15-alpine").Build();
        _rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13-management-alpine").Build();
        await Task.WhenAll(_postgresContainer.StartAsync(), _rabbitContainer.StartAsync());
        RabbitMqUri = new Uri(_rabbitContainer.GetConnectionString());
        PostgresAdminConnectionString = _postgresContainer.GetConnectionString();
    }

    private async Task CheckRabbitMqAsync()
    {
        var factory = new ConnectionFactory { Uri = RabbitMqUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(10) };
        await using var connection = await factory.CreateConnectionAsync();
    }

    private async Task CheckPostgresAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
        await connection.OpenAsync();
    }

    private async Task DropDatabasesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task DeleteQueuesAsync()
    {
        await using var connection = await ConnectRabbitMqAsync();
        foreach (var queue in _queues)
        {
            foreach (var suffix in new[] { "", "_error", "_skipped" })
            {
                // A channel closes when a queue does not exist; open a fresh one per delete.
                await using var channel = await connection.CreateChannelAsync();
                try
                {
                    await channel.QueueDeleteAsync(queue + suffix);
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                }
            }
        }
    }
}
