using System.Threading.RateLimiting;
using IssueSync.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The one place that decides which endpoints are the operator's: everything mapped through
/// <see cref="MapOperatorGroup"/> or marked with <see cref="OnOperatorSurface{TBuilder}"/> answers 404 on any port but
/// <see cref="SurfaceOptions.OperatorPort"/> (by the connection's local port, never by a Host header a client chooses).
/// The public surface is rate limited per client address (<see cref="PublicRateLimit"/>).
/// </summary>
public static class OperatorSurface
{
    public const string PublicRateLimit = "IssueSyncPublic";

    /// <summary>A route group on the operator surface (the admin API, the console).</summary>
    public static RouteGroupBuilder MapOperatorGroup(this IEndpointRouteBuilder app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGroup(prefix).OnOperatorSurface();
    }

    /// <summary>Puts endpoints mapped elsewhere (e.g. <c>/metrics</c>) on the operator surface.</summary>
    public static TBuilder OnOperatorSurface<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(OperatorEndpoint.Instance);

    public static IServiceCollection AddIssueSyncSurfaces(this IServiceCollection services)
    {
        services.AddOptions<SurfaceOptions>().BindConfiguration(SurfaceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<SurfaceOptions>>().Value.PublicRequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    /// <summary>After routing, before authentication: an operator endpoint reached on the public port does not exist there.</summary>
    public static WebApplication UseIssueSyncSurfaces(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SurfaceOptions>>().Value;
        if (options.OperatorPort is not { } operatorPort)
        {
            app.Logger.LogWarning("Surfaces:OperatorPort is not set: the admin API and /metrics are served on every port, next to the public OAuth callback");
        }
        else
        {
            app.Use((http, next) =>
            {
                if (http.GetEndpoint()?.Metadata.GetMetadata<OperatorEndpoint>() is not null && http.Connection.LocalPort != operatorPort)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(http);
            });
        }

        app.UseRateLimiter();
        return app;
    }

    private sealed class OperatorEndpoint
    {
        public static readonly OperatorEndpoint Instance = new();
    }
}
