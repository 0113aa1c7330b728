using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Options;

internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
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

        if (options.LeaseDuration < TimeSpan.FromSeconds(5))
        {
            failures.Add("IssueSync:LeaseDuration must be at least 5 seconds: a shorter lease lets two replicas work on one command.");
        }

        if (options.TokenRefreshSkew < TimeSpan.Zero || options.TokenRefreshSkew > TimeSpan.FromMinutes(30))
        {
            failures.Add("IssueSync:TokenRefreshSkew must be between 0 and 30 minutes.");
        }

        if (options.DispatchInterval <= TimeSpan.Zero)
        {
            failures.Add("IssueSync:DispatchInterval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
