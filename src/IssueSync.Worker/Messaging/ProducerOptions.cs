using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// Which producer may act as which connection (section <c>Producers</c>). A producer is its RabbitMQ user, as the
/// broker verifies it in the message's <c>user_id</c> property (RabbitMQ refuses a publish whose <c>user_id</c> is
/// not the connection's user). Empty (the default): every producer that can publish may use every connection.
/// </summary>
public sealed class ProducerOptions
{
    public const string SectionName = "Producers";

    /// <summary>Any connection (a list of just this).</summary>
    public const string AnyConnection = "*";

    /// <summary>
    /// RabbitMQ user → the connection ids its messages may name (<c>Producers:AllowedConnections:alerts:0 = ops-team</c>),
    /// or <c>*</c> for any. Once one producer is listed, a message from an unlisted user, or without <c>user_id</c>, is refused.
    /// </summary>
    public Dictionary<string, List<string>> AllowedConnections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="userId"/> may not name <paramref name="connectionId"/>; null when it may.</summary>
    public string? Refusal(string? userId, string? connectionId)
    {
        if (AllowedConnections.Count == 0)
        {
            return null;
        }

        if (string.IsNullOrEmpty(userId))
        {
            return "The message has no user_id, and this worker accepts commands only from producers listed in Producers:AllowedConnections: " +
                "publish with the user_id property set to your RabbitMQ user.";
        }

        if (!AllowedConnections.TryGetValue(userId, out var allowed))
        {
            return $"The producer '{userId}' (the message's user_id) is not listed in Producers:AllowedConnections, so it may not create issues.";
        }

        return allowed.Contains(AnyConnection, StringComparer.Ordinal) || (connectionId is not null && allowed.Contains(connectionId, StringComparer.Ordinal))
            ? null
            : $"The producer '{userId}' may not act as connection '{connectionId}': Producers:AllowedConnections:{userId} does not list it.";
    }
}

/// <summary>Refuses an allow-list that names a producer with no connection or a blank entry.</summary>
public sealed class ProducerOptionsValidator : IValidateOptions<ProducerOptions>
{
    public ValidateOptionsResult Validate(string? name, ProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.AllowedConnections
            .Where(p => string.IsNullOrWhiteSpace(p.Key) || p.Value is not { Count: > 0 } || p.Value.Any(string.IsNullOrWhiteSpace))
            .Select(p => $"Producers:AllowedConnections:{p.Key} must list at least one connection id (or *), none blank.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
