using System.Text.Json;

namespace IssueSync.Worker.Messaging;

/// <summary>
/// The idempotency key, connection and correlation id of a message that could not be read as a command, found by
/// a forward-only scan of at most the first <see cref="ScanBytes"/> of its body (bare command or MassTransit
/// envelope). Bounded: a 20 MB or 10,000-deep body costs no more than its first 64 KiB.
/// </summary>
public sealed record MessageIdentity(string? IdempotencyKey, string? ConnectionId, string? CorrelationId)
{
    public const int ScanBytes = 64 * 1024;

    public static MessageIdentity Read(ReadOnlySpan<byte> body)
    {
        var prefix = body.Length > ScanBytes ? body[..ScanBytes] : body;
        var reader = new Utf8JsonReader(prefix, isFinalBlock: prefix.Length == body.Length, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        string? key = null, connection = null, correlation = null;
        try
        {
            // The command's properties sit at depth 1 (bare) or depth 2 under "message" (envelope).
            var inMessage = false;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var depth = reader.CurrentDepth;
                if (depth == 1 && reader.ValueTextEquals("message"))
                {
                    inMessage = true;
                    continue;
                }

                if (depth != 1 && !(inMessage && depth == 2))
                {
                    continue;
                }

                var name = reader.GetString();
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                switch (name)
                {
                    case "idempotencyKey" or "IdempotencyKey":
                        key ??= reader.GetString();
                        break;
                    case "connectionId" or "ConnectionId":
                        connection ??= reader.GetString();
                        break;
                    case "correlationId" or "CorrelationId":
                        correlation ??= reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Whatever was read before the body stopped being JSON (or the prefix ended) is kept.
        }

        return new MessageIdentity(key, connection, correlation);
    }
}
