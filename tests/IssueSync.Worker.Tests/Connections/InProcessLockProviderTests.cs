using IssueSync.Worker.Connections.Locks;

namespace IssueSync.Worker.Tests.Connections;

public sealed class InProcessLockProviderTests
{
    [Fact]
    public async Task A_held_lock_is_not_granted_twice_and_is_granted_again_after_release()
    {
        var provider = new InProcessLockProvider();
        var first = await provider.CreateLock("connection-a").TryAcquireAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.NotNull(first);

        Assert.Null(await provider.CreateLock("connection-a").TryAcquireAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
        await using (var other = await provider.CreateLock("connection-b").TryAcquireAsync(TimeSpan.Zero, TestContext.Current.CancellationToken))
        {
            Assert.NotNull(other);
        }

        await first.DisposeAsync();
        await first.DisposeAsync();
        await using var again = await provider.CreateLock("connection-a").TryAcquireAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.NotNull(again);
        Assert.Null(await provider.CreateLock("connection-a").TryAcquireAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
    }
}
