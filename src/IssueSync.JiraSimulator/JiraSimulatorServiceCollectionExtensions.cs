using System.Text.Json.Serialization;
using IssueSync.JiraSimulator;
using IssueSync.JiraSimulator.Admin;
using IssueSync.JiraSimulator.Api;
using IssueSync.JiraSimulator.Auth;
using IssueSync.JiraSimulator.State;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the Jira Cloud simulator into a web host.</summary>
public static class JiraSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulator: <see cref="SimulatorOptions"/> bound from section <c>Simulator</c> (then
    /// <paramref name="configure"/>), validated at start, and the in-memory state on <paramref name="time"/>
    /// (the system clock by default).
    /// </summary>
    public static TBuilder AddJiraSimulator<TBuilder>(this TBuilder builder, Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton(new SimulatorClock(time ?? TimeProvider.System));
        builder.Services.AddSingleton<SimulatorState>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>
    /// Maps the auth server (<c>/authorize</c>, <c>/oauth/token</c>), the API gateway
    /// (<c>/oauth/token/accessible-resources</c>, <c>/ex/jira/{cloudId}/...</c>) and the admin API (<c>/_simulator/...</c>).
    /// </summary>
    public static TApp MapJiraSimulator<TApp>(this TApp app)
        where TApp : IEndpointRouteBuilder
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolve the state now so that a bad seed fails at start, not on the first request.
        _ = app.ServiceProvider.GetRequiredService<SimulatorState>();
        app.MapGet("/authorize", OAuthEndpoints.AuthorizeAsync);
        app.MapPost("/oauth/token", OAuthEndpoints.TokenAsync);
        app.Map("/oauth/token/accessible-resources", ApiEndpoints.HandleAsync);
        app.Map("/me", ApiEndpoints.HandleAsync);
        app.Map("/ex/jira/{**rest}", ApiEndpoints.HandleAsync);
        AdminEndpoints.Map(app);
        return app;
    }
}
