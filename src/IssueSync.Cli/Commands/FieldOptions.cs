using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IssueSync.Cli.Commands;

/// <summary>Parsing of option values shared by <c>publish</c>, <c>commands edit</c> and <c>commands list</c>.</summary>
public static partial class FieldOptions
{
    /// <summary>
    /// Parses <c>--field customfield_10050=Sev2</c> options. A value that is JSON (<c>3</c>, <c>true</c>,
    /// <c>["a","b"]</c>, <c>{"id":"10001"}</c>, <c>"3"</c>) is sent as that JSON; anything else as a string.
    /// </summary>
    public static bool TryParseCustomFields(IReadOnlyList<string>? options, out Dictionary<string, JsonElement>? fields, out string? error)
    {
        fields = null;
        error = null;
        if (options is null || options.Count == 0)
        {
            return true;
        }

        fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? option : option[..equals];
            if (equals < 0 || !CustomFieldName().IsMatch(name))
            {
                error = $"--field '{option}' must look like customfield_10050=value.";
                return false;
            }

            fields[name] = Value(option[(equals + 1)..]);
        }

        return true;
    }

    /// <summary>
    /// Reads <c>--since</c>/<c>--until</c>: a duration back from now (<c>90s</c>, <c>15m</c>, <c>2h</c>, <c>7d</c>,
    /// <c>1h30m</c>) or an ISO 8601 date or time (UTC unless it has an offset).
    /// </summary>
    public static bool TryParseWhen(string? text, DateTimeOffset now, out DateTimeOffset when)
    {
        when = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = DurationPattern().Match(text.Trim());
        if (match.Success && match.Groups["part"].Captures.Count > 0)
        {
            var total = TimeSpan.Zero;
            for (var i = 0; i < match.Groups["part"].Captures.Count; i++)
            {
                var amount = long.Parse(match.Groups["amount"].Captures[i].Value, CultureInfo.InvariantCulture);
                total += match.Groups["unit"].Captures[i].Value switch
                {
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }

            when = now - total;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out when);
    }

    /// <summary>A list option, or null when it was not given (so nothing is sent).</summary>
    public static IReadOnlyList<string>? List(string[]? values) => values is { Length: > 0 } ? values : null;

    private static JsonElement Value(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    [GeneratedRegex(@"^customfield_\d+$")]
    private static partial Regex CustomFieldName();

    [GeneratedRegex(@"^(?<part>(?<amount>\d{1,9})(?<unit>[smhd]))+$")]
    private static partial Regex DurationPattern();
}
