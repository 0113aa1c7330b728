using MassTransit;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// The first filter of the input queue's receive pipeline: a body larger than <c>IssueSync:MaxMessageBytes</c> is
/// refused before anything deserializes it. The refusal surfaces as a receive fault, which the rejected-message
/// observer records with the reason (and MassTransit moves the message to <c>_error</c>).
/// </summary>
public sealed class MessageSizeFilter(int maxBytes) : IFilter<ReceiveContext>
{
    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var length = context.Body.Length ?? 0;
        return length > maxBytes ? throw new MessageTooLargeException(length, maxBytes) : next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("issuesync-message-size");
}

/// <summary>A message body over the configured maximum; its message is the operator's reason.</summary>
public sealed class MessageTooLargeException : Exception
{
    public MessageTooLargeException()
    {
    }

    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    public MessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MessageTooLargeException(long length, int maxBytes)
        : base($"The message is {length:N0} bytes; the maximum is {maxBytes:N0} bytes (IssueSync:MaxMessageBytes). Nothing of it was read as a command.")
    {
    }
}
