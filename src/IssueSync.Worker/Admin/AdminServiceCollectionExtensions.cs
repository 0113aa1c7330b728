using IssueSync.Worker.Admin;
using Microsoft.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: API-key authentication, its authorization policy and the services behind it.</summary>
    public static IServiceCollection AddIssueSyncAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .Validate(o => o.OAuthStateLifetime > TimeSpan.Zero && o.OAuthStateLifetime <= TimeSpan.FromHours(1),
                "Admin:OAuthStateLifetime must be between 0 and 1 hour.")
            .Validate(o => o.ApiKeys.All(k => k.Length >= 16), "Admin:ApiKeys: every key must be at least 16 characters long.")
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(Microsoft.AspNetCore.Builder.AdminEndpoints.PolicyName, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.AddScoped<ConnectionAdmin>();
        services.AddScoped<CommandAdmin>();
        services.AddScoped<JiraIssueFinder>();
        services.AddSingleton<ErrorQueueAdmin>();
        return services;
    }
}
