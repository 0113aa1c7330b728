using IssueSync.Contracts;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.Producer.Tests;

public sealed class IssueSyncProducerTests
{
    [Fact]
    public async Task A_valid_command_is_sent_to_the_workers_input_exchange()
    {
        await using var provider = BuildProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        await using var scope = provider.CreateAsyncScope();
        var producer = scope.ServiceProvider.GetRequiredService<IIssueSyncProducer>();

        await producer.CreateIssueAsync(Valid(), TestContext.Current.CancellationToken);

        Assert.True(await harness.Sent.Any<CreateIssue>(x => x.Context.Message.IdempotencyKey == "alert-1", TestContext.Current.CancellationToken));
        var sent = harness.Sent.Select<CreateIssue>(TestContext.Current.CancellationToken).Single();
        Assert.EndsWith("/issues-in", sent.Context.DestinationAddress!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Obvious_mistakes_are_refused_before_sending_and_each_is_named()
    {
        await using var provider = BuildProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        await using var scope = provider.CreateAsyncScope();
        var producer = scope.ServiceProvider.GetRequiredService<IIssueSyncProducer>();
        var command = Valid() with { IdempotencyKey = " ", Summary = "two\nlines", Labels = ["has space"], DueDate = "01/12/2026" };

        var error = await Assert.ThrowsAsync<InvalidCreateIssueException>(() => producer.CreateIssueAsync(command, TestContext.Current.CancellationToken));

        Assert.Contains(error.Problems, p => p.StartsWith("idempotencyKey:", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("single line", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("'has space'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("duedate:", StringComparison.Ordinal));
        Assert.False(await harness.Sent.Any<CreateIssue>(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void Summary_length_limit_is_Jiras(int length, bool ok)
    {
        var problems = CreateIssueChecks.Find(Valid() with { Summary = new string('s', length) });
        Assert.Equal(ok, problems.Count == 0);
    }

    private static ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddMassTransitTestHarness(x => x.DisableUsageTelemetry());
        services.AddIssueSyncProducer(o => o.InputQueue = "issues-in");
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static CreateIssue Valid() => new()
    {
        IdempotencyKey = "alert-1",
        ConnectionId = "acme",
        ProjectKey = "OPS",
        IssueType = "Bug",
        Summary = "Checkout returns 500",
        Labels = ["checkout"],
        DueDate = "2026-12-01",
    };
}

public sealed class ProducerDependencyTests
{
    [Fact]
    public void The_producer_needs_masstransits_abstractions_only_the_host_brings_the_bus()
    {
        var references = typeof(IIssueSyncProducer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("MassTransit.Abstractions", references);
        Assert.DoesNotContain("MassTransit", references);
    }
}
