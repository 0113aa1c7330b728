namespace IssueSync.Worker.Console.Pages;

/// <summary>The overview: commands by state, created and failed per minute over the last hour, 429s, token refreshes, connections needing attention, the error queue.</summary>
public sealed class IndexModel(ConsoleOverview overview) : ConsolePage
{
    public OverviewModel Overview { get; private set; } = null!;

    public async Task OnGetAsync() => Overview = await overview.ReadAsync(Aborted);
}
