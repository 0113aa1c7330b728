using IssueSync.Jira;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Options;

internal sealed class WorkerOptionsValidator(IOptions<AtlassianOptions> atlassian) : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (options.Transport == TransportKind.RabbitMq && options.RabbitMq.Uri is null)
        {
            failures.Add("IssueSync:Transport is RabbitMq but IssueSync:RabbitMq:Uri is not set (set ISSUESYNC__RABBITMQ__URI=amqp://user:password@host:5672/).");
        }

        if (options.RabbitMq.Uri is { } uri && uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            failures.Add($"IssueSync:RabbitMq:Uri must be an amqp:// or amqps:// URI, not '{uri.Scheme}://'.");
        }

        if (options.Retry.BaseDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay)
        {
            failures.Add("IssueSync:Retry:BaseDelay must be positive and no larger than IssueSync:Retry:MaxDelay.");
        }

        // The chain of waits between two renewals of a lease: the token lock, a refresh, a page of create metadata
        // and the create request itself, plus the write of its outcome. A shorter lease lets another replica take a
        // command over while this one still works on it (harmless, the writes are fenced, but wasteful).
        var request = RequestTimeout();
        var chain = options.TokenLockTimeout + (3 * request) + TimeSpan.FromSeconds(5);
        if (options.LeaseDuration < chain)
        {
            failures.Add($"IssueSync:LeaseDuration ({options.LeaseDuration}) must be at least {chain}: IssueSync:TokenLockTimeout " +
                $"({options.TokenLockTimeout}) + 3 × Atlassian:RequestTimeout ({request}: a refresh, a create-metadata page and the create " +
                "request) + 5 s to record the outcome. Raise the lease or lower those timeouts.");
        }

        if (options.TokenRefreshSkew < TimeSpan.Zero || options.TokenRefreshSkew > TimeSpan.FromMinutes(30))
        {
            failures.Add("IssueSync:TokenRefreshSkew must be between 0 and 30 minutes.");
        }

        if (options.DispatchInterval <= TimeSpan.Zero)
        {
            failures.Add("IssueSync:DispatchInterval must be positive.");
        }

        if (options.Pacing.MaxInProcessWait <= TimeSpan.Zero || options.Pacing.MaxInProcessWait > options.LeaseDuration / 2)
        {
            failures.Add("IssueSync:Pacing:MaxInProcessWait must be positive and at most half of IssueSync:LeaseDuration.");
        }

        var schedule = options.Uncertain.EffectiveSchedule;
        if (schedule.Any(s => s <= TimeSpan.Zero) || schedule.Zip(schedule.Skip(1)).Any(p => p.Second <= p.First))
        {
            failures.Add("IssueSync:Uncertain:LookupSchedule must be positive and increasing (e.g. 00:00:15, 00:01:00, 00:05:00, 00:30:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Invalid Atlassian options are reported on their own; the lease check then assumes the default timeout.
    private TimeSpan RequestTimeout()
    {
        try
        {
            return atlassian.Value.RequestTimeout;
        }
        catch (OptionsValidationException)
        {
            return new AtlassianOptions().RequestTimeout;
        }
    }
}
