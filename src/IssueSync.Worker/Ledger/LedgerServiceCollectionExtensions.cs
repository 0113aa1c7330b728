using IssueSync.Worker.Ledger;
using IssueSync.Worker.Options;
using IssueSync.Worker.Pacing;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The command ledger, its clock, the lifecycle rules taken from the options, the answers' marks, and the shared pacing store.</summary>
    public static IServiceCollection AddIssueSyncLedger(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<LedgerClock>();
        services.AddSingleton<LedgerClockSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerClockSampler>());
        services.AddSingleton(sp => Rules(sp.GetRequiredService<IOptions<WorkerOptions>>().Value));
        services.AddSingleton<PacingStore>();
        services.AddSingleton<ResultMarkWriter>();
        // Registered before MassTransit, so it stops after it: the marks of the last answers are written.
        services.AddHostedService(sp => sp.GetRequiredService<ResultMarkWriter>());
        services.AddScoped<CommandLedger>();
        return services;
    }

    public static LifecycleRules Rules(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retry = options.Retry;
        return new LifecycleRules
        {
            LeaseDuration = options.LeaseDuration,
            MaxAttempts = retry.MaxAttempts,
            QuarantineAfterContentCrashes = options.QuarantineAfterContentCrashes,
            FailAfterRepeatedWorkerErrors = options.FailAfterRepeatedWorkerErrors,
            LookupSchedule = options.Uncertain.EffectiveSchedule,
            RepostWhenAbsent = options.Uncertain.RepostWhenAbsent,
            // Exponential from BaseDelay with ×U(0.7, 1.3) jitter, capped at MaxDelay (Retry-After applies on top as a minimum).
            Backoff = attempts =>
            {
                var exponent = Math.Clamp(attempts - 1, 0, 20);
                var delay = retry.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent) * (0.7 + (Random.Shared.NextDouble() * 0.6));
                return TimeSpan.FromMilliseconds(Math.Min(delay, retry.MaxDelay.TotalMilliseconds));
            },
        };
    }
}
