using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests;

public sealed class SeedTests
{
    [Fact]
    public void The_embedded_default_seed_is_the_documented_file()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "seed.default.json");
        var embedded = SeedLoader.LoadDefault();
        var onDisk = SeedLoader.LoadFile(file);
        Assert.Equal(SeedLoader.ToJson(onDisk), SeedLoader.ToJson(embedded));
    }

    [Fact]
    public void The_default_seed_has_the_documented_ids()
    {
        var seed = SeedLoader.LoadDefault();
        Assert.Equal(DefaultSeed.ClientId, seed.App.ClientId);
        Assert.Equal(DefaultSeed.ClientSecret, seed.App.ClientSecret);
        Assert.Contains("http://127.0.0.1:5080/oauth/callback", seed.App.RedirectUris);
        Assert.Equal([DefaultSeed.AccountId, DefaultSeed.LimitedAccountId], seed.Users.Select(u => u.AccountId));
        var user = seed.Users[0];
        Assert.Equal(DefaultSeed.AccountId, seed.DefaultAccountId);
        Assert.Equal("Demo User", user.DisplayName);
        Assert.Equal([DefaultSeed.Acme, DefaultSeed.AcmeLabs], user.Sites);
        Assert.Empty(user.Permissions);
        var limited = seed.Users[1];
        Assert.Equal("Limited User", limited.DisplayName);
        Assert.Equal([DefaultSeed.Acme], limited.Sites);
        Assert.Equal(["OPS", "TEAM"], limited.Permissions.Select(p => p.Project));
        Assert.Equal(["priority"], limited.Permissions[0].HiddenFields);
        Assert.False(limited.Permissions[1].CanBrowse);
        Assert.Equal(["OPS", "TEAM", "LOCKED"], seed.Sites[0].Projects.Select(p => p.Key));
        Assert.Equal(["LAB"], seed.Sites[1].Projects.Select(p => p.Key));
        Assert.False(seed.Sites[0].Projects[2].CanCreate);
        Assert.True(seed.Sites[0].Projects[1].IsTeamManaged);
    }

    [Fact]
    public async Task An_invalid_seed_fails_at_start()
    {
        var seed = SeedLoader.LoadDefault();
        var broken = seed with { Users = [seed.Users[0] with { Sites = ["no-such-site"] }] };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => JiraSimulatorHost.StartAsync(o => o.Seed = broken, ct: TestContext.Current.CancellationToken));
        Assert.Contains("refers to unknown site 'no-such-site'", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOPE", DefaultSeed.Acme, null, "no project 'NOPE' on site 'acme'.")]
    [InlineData("LAB", DefaultSeed.AcmeLabs, null, "the site is not one of the user's sites.")]
    [InlineData("OPS", DefaultSeed.Acme, "colour", "hidden field 'colour' is not a field of the site")]
    [InlineData("OPS", DefaultSeed.Acme, "issuetype", "hidden field 'issuetype' is not a field of the site")]
    public async Task Bad_user_permissions_fail_at_start(string project, string cloudId, string? hiddenField, string message)
    {
        var seed = SeedLoader.LoadDefault();
        var entry = new SeedProjectAccess { CloudId = cloudId, Project = project, HiddenFields = hiddenField is null ? [] : [hiddenField] };
        var broken = seed with { Users = [seed.Users[0], seed.Users[1] with { Permissions = [entry] }] };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => JiraSimulatorHost.StartAsync(o => o.Seed = broken, ct: TestContext.Current.CancellationToken));
        Assert.Contains($"User '{DefaultSeed.LimitedAccountId}', permissions for {project} on {cloudId}: {message}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => JiraSimulatorHost.StartAsync(o => o.CreateMetaMaxPageSize = 500, ct: TestContext.Current.CancellationToken));
        Assert.Contains("CreateMetaMaxPageSize must be between 1 and 200.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_file_can_be_given_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.json");
        var seed = SeedLoader.LoadDefault();
        await File.WriteAllTextAsync(path, SeedLoader.ToJson(seed with { App = seed.App with { ClientId = "file-client" } }), TestContext.Current.CancellationToken);
        try
        {
            await using var host = await JiraSimulatorHost.StartAsync(o => o.SeedPath = path, ct: TestContext.Current.CancellationToken);
            Assert.Equal("file-client", host.State.Seed.App.ClientId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
