using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IssueSync.Jira.Tests;

public sealed class AtlassianOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddAtlassianJira(configuration.GetSection(AtlassianOptions.SectionName)).BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Atlassian:ClientId"] = "id",
        ["Atlassian:ClientSecret"] = "secret",
        ["Atlassian:RedirectUri"] = "https://issuesync.example.test/oauth/callback",
    };

    [Fact]
    public void AddAtlassianJira_binds_the_section_with_atlassian_defaults_and_registers_the_clients()
    {
        using var provider = Build(Valid());
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<AtlassianOptions>>().Value;
        Assert.Equal(new Uri("https://auth.atlassian.com"), options.AuthBaseUrl);
        Assert.Equal(new Uri("https://api.atlassian.com"), options.ApiBaseUrl);
        Assert.Equal("read:jira-work write:jira-work read:jira-user read:me offline_access", options.Scopes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.NotNull(provider.GetRequiredService<IJiraCloudClient>());
        Assert.NotNull(provider.GetRequiredService<IAtlassianOAuthClient>());
    }

    [Fact]
    public void AddAtlassianJira_base_urls_can_point_at_a_simulator()
    {
        var settings = Valid();
        settings["Atlassian:AuthBaseUrl"] = "http://localhost:5099/auth";
        settings["Atlassian:ApiBaseUrl"] = "http://localhost:5099/api";
        using var provider = Build(settings);

        var url = provider.GetRequiredService<IAtlassianOAuthClient>().BuildAuthorizationUrl("s");

        Assert.StartsWith("http://localhost:5099/auth/authorize?", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("Atlassian:ClientSecret", "", "ClientSecret must be set")]
    [InlineData("Atlassian:ClientId", " ", "ClientId must be set")]
    [InlineData("Atlassian:Scopes", "read:jira-work write:jira-work read:me", "must include offline_access")]
    [InlineData("Atlassian:Scopes", "read:jira-work write:jira-work offline_access", "must include read:me")]
    [InlineData("Atlassian:ApiBaseUrl", "ftp://api.example.test", "ApiBaseUrl must be an absolute http or https URL")]
    [InlineData("Atlassian:AuthBaseUrl", "/relative", "AuthBaseUrl must be an absolute http or https URL")]
    [InlineData("Atlassian:RedirectUri", "", "RedirectUri")]
    [InlineData("Atlassian:CreateMetaPageSize", "500", "CreateMetaPageSize")]
    public void AddAtlassianJira_invalid_settings_fail_at_start(string key, string value, string message)
    {
        var settings = Valid();
        settings[key] = value;
        using var provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AddAtlassianJira_with_a_delegate_validates_too()
    {
        using var provider = new ServiceCollection().AddLogging().AddAtlassianJira(o => o.ClientId = "id").BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void Library_references_neither_masstransit_nor_ef_core_nor_contracts()
    {
        var references = typeof(AtlassianOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("MassTransit", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain("IssueSync.Contracts", references);
    }

    [Fact]
    public void Library_public_classes_are_sealed_or_static()
    {
        var unsealed = typeof(AtlassianOptions).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unsealed);
    }
}
