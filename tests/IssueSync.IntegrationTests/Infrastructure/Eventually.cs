namespace IssueSync.IntegrationTests.Infrastructure;

/// <summary>Polls an asynchronous condition until it holds, with a deadline (never a fixed sleep).</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> with <paramref name="failure"/> after 30 s.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string failure)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure);
            }

            await Task.Delay(20);
        }
    }
}
