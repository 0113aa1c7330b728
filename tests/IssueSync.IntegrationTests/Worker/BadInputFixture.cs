using IssueSync.IntegrationTests.Infrastructure;

namespace IssueSync.IntegrationTests.Worker;

/// <summary>One worker, database and simulator shared by the bad-input tests (each uses its own idempotency keys).</summary>
public sealed class BadInputFixture(IntegrationServices services) : IAsyncLifetime
{
    public const int MaxMessageBytes = 200_000;

    public PipelineScenario Scenario { get; private set; } = null!;

    public EventListener Events { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Events = await EventListener.StartAsync(services);
        Scenario = await PipelineScenario.StartAsync(services, worker: s => s with
        {
            Overrides = new Dictionary<string, string?> { ["IssueSync:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        await Events.DisposeAsync();
    }
}
