using IssueSync.JiraSimulator.State;
using IssueSync.JiraSimulator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IssueSync.JiraSimulator.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task The_Simulator_section_is_bound()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:CreateMetaMaxPageSize"] = "7",
            ["Simulator:RefreshTokenLeeway"] = "00:00:30",
            ["Simulator:SearchIndexDelay"] = "00:00:02",
            ["Simulator:BurstLimits:PutPerSecond"] = "25",
            ["Simulator:BurstLimits:BucketSeconds"] = "2",
            ["Simulator:SiteBurstLimits:" + DefaultSeed.AcmeLabs + ":PostPerSecond"] = "20",
            ["Simulator:PerIssueWriteLimitsEnabled"] = "false",
            ["Simulator:PublicBaseUrl"] = "http://jira-sim:5090",
            ["Simulator:RedirectUris:0"] = "http://worker:8080/oauth/callback",
            ["Simulator:Faults:Endpoints:0"] = "token",
            ["Simulator:Faults:LostResponseMode"] = "Abort",
        });
        builder.AddJiraSimulator();
        await using var app = builder.Build();
        var state = app.Services.GetRequiredService<SimulatorState>();

        Assert.Equal(7, state.Settings.CreateMetaMaxPageSize);
        Assert.Equal(TimeSpan.FromSeconds(30), state.Settings.RefreshTokenLeeway);
        Assert.Equal(TimeSpan.FromSeconds(2), state.Settings.SearchIndexDelay);
        Assert.True(state.Settings.BurstLimitsEnabled);
        Assert.Equal(new RateLimiting.BurstRates { PutPerSecond = 25, BucketSeconds = 2 }, state.Settings.BurstLimits);
        Assert.Equal(new RateLimiting.BurstRates { PutPerSecond = 25, BucketSeconds = 2, PostPerSecond = 20 }, state.Settings.BurstRatesFor(DefaultSeed.AcmeLabs));
        Assert.False(state.Settings.PerIssueWriteLimitsEnabled);
        Assert.Equal(["http://worker:8080/oauth/callback"], state.Directory.App.RedirectUris);
        Assert.Equal(["token"], state.Faults.Current.Endpoints);
        Assert.Equal(Faults.LostResponseMode.Abort, state.Faults.Current.LostResponseMode);
    }

    [Fact]
    public async Task PublicBaseUrl_is_used_in_self_links()
    {
        await using var sim = await TestSimulator.StartAsync(o => o.PublicBaseUrl = new Uri("https://jira-sim.example/"));
        var tokens = await sim.ConnectAsync();
        using var response = await sim.CreateIssueAsync(tokens.AccessToken, TestSimulator.OpsTask());
        Assert.Equal(
            $"https://jira-sim.example/ex/jira/{DefaultSeed.Acme}/rest/api/3/issue/10000",
            (await response.JsonAsync()).GetProperty("self").GetString());
    }
}
