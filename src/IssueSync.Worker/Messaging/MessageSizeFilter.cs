using MassTransit;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// The first filter of the input queue's receive pipeline: a body larger than <c>IssueSync:MaxMessageBytes</c> is
/// refused before anything deserializes it. It is recorded with the reason and not passed on, so MassTransit moves
/// it to the <c>_skipped</c> queue and acknowledges it: no redelivery, no retry.
/// </summary>
public sealed class MessageSizeFilter(int maxBytes, RejectedMessageObserver rejections) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var length = context.Body.Length ?? 0;
        if (length <= maxBytes)
        {
            await next.Send(context);
            return;
        }

        await rejections.RecordOversizeAsync(context, $"{new MessageTooLargeException(length, maxBytes).Message} It was moved to the _skipped queue.");
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
