using System.Text;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.IntegrationTests.Infrastructure;
using IssueSync.Worker.Persistence.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>
/// With <c>Producers:AllowedConnections</c> set, the broker-verified <c>user_id</c> of a message decides which
/// connections it may use (real RabbitMQ: the broker refuses a publish whose user_id is not the connection's user).
/// </summary>
public sealed class ProducerAllowListTests(IntegrationServices services) : IAsyncLifetime
{
    private const string OtherTenant = "other-tenant";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private PipelineScenario _scenario = null!;

    // The user the tests connect to RabbitMQ as: the only user_id the broker lets them send.
    private string BrokerUser => Uri.UnescapeDataString(services.RabbitMqUri.UserInfo.Split(':')[0]);

    public async ValueTask InitializeAsync()
    {
        _scenario = await PipelineScenario.StartAsync(services, worker: s => s with
        {
            Overrides = new Dictionary<string, string?> { [$"Producers:AllowedConnections:{BrokerUser}:0"] = PipelineScenario.Connection },
        });
    }

    public async ValueTask DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_producer_creates_issues_only_for_the_connections_its_allow_list_names()
    {
        var allowed = $"allowed-{Guid.NewGuid():N}";
        var foreign = $"foreign-{Guid.NewGuid():N}";

        await PublishAsync(PipelineScenario.Command(allowed), BrokerUser);
        await PublishAsync(PipelineScenario.Command(foreign, c => c with { ConnectionId = OtherTenant }), BrokerUser);

        Assert.Equal(CommandState.Created, Assert.Single(await _scenario.WaitForTerminalAsync([allowed])).State);
        var rejected = await _scenario.WaitForRejectionAsync(foreign);
        Assert.Equal(FailureReasons.ProducerNotAllowed, rejected.ReasonCode);
        Assert.Contains($"may not act as connection '{OtherTenant}'", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(await _scenario.WithDbAsync(db => db.Commands.AsNoTracking().SingleOrDefaultAsync(c => c.IdempotencyKey == foreign)));
    }

    [Fact]
    public async Task A_message_without_a_user_id_is_refused_while_an_allow_list_is_set()
    {
        var key = $"anonymous-{Guid.NewGuid():N}";

        await PublishAsync(PipelineScenario.Command(key), userId: null);

        var rejected = await _scenario.WaitForRejectionAsync(key);
        Assert.Equal(FailureReasons.ProducerNotAllowed, rejected.ReasonCode);
        Assert.Contains("no user_id", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(await _scenario.WithDbAsync(db => db.Commands.AsNoTracking().SingleOrDefaultAsync(c => c.IdempotencyKey == key)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_producer_library_sends_its_rabbitmq_user_as_the_verified_user_id(bool withUser)
    {
        var key = $"library-{withUser}-{Guid.NewGuid():N}";
        var host = new ServiceCollection();
        host.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) => rabbit.Host(services.RabbitMqUri)));
        host.AddIssueSyncProducer(o =>
        {
            o.InputQueue = _scenario.Settings.InputQueue;
            o.RabbitMqUser = withUser ? BrokerUser : null;
        });
        await using var provider = host.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var scope = provider.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IssueSync.Producer.IIssueSyncProducer>()
                .CreateIssueAsync(PipelineScenario.Command(key), TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(TestContext.Current.CancellationToken);
        }

        if (withUser)
        {
            Assert.Equal(CommandState.Created, Assert.Single(await _scenario.WaitForTerminalAsync([key])).State);
        }
        else
        {
            Assert.Contains("no user_id", (await _scenario.WaitForRejectionAsync(key)).Reason, StringComparison.Ordinal);
        }
    }

    private async Task PublishAsync(CreateIssue command, string? userId)
    {
        await using var connection = await services.ConnectRabbitMqAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/json", MessageId = Guid.NewGuid().ToString(), Persistent = true, UserId = userId };
        await channel.BasicPublishAsync(_scenario.Settings.InputQueue, "", mandatory: false, properties, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command, Web)));
    }
}
