using System.Diagnostics;

namespace IssueSync.Harness;

/// <summary>Waits for an HTTP endpoint to answer 200, or for a condition, within a bounded time.</summary>
public static class Readiness
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task WaitForHttpOkAsync(Uri url, TimeSpan patience, Func<string> explain, CancellationToken cancellationToken = default) =>
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var response = await Http.GetAsync(url, cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }, patience, explain, cancellationToken);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, Func<string> explain, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > patience)
            {
                throw new HarnessException(explain());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
