using System.Globalization;
using System.Text;
using Spectre.Console;

namespace IssueSync.Cli.Rendering;

/// <summary>Formatting shared by the commands: kubectl-style tables, ages, states.</summary>
internal static class Show
{
    // Free-text columns may wrap; identifiers, states, numbers and ages never do.
    private static readonly HashSet<string> WrappingColumns = new(StringComparer.Ordinal) { "SAMPLE", "DETAIL", "MESSAGE" };

    /// <summary>A borderless table with upper-case headers, like <c>kubectl get</c>.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().NoBorder().HideRowSeparators();
        table.ShowHeaders = true;
        foreach (var header in headers)
        {
            var column = new TableColumn(new Markup($"[bold]{Markup.Escape(header)}[/]")).PadLeft(0).PadRight(3);
            column.NoWrap = !WrappingColumns.Contains(header);
            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>A key/value grid for detail views.</summary>
    public static Grid Fields()
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.AddColumn(new GridColumn());
        return grid;
    }

    /// <summary>Adds a row to a <see cref="Fields"/> grid; <paramref name="valueMarkup"/> is markup (escape what the server sent).</summary>
    public static void Field(Grid grid, string name, string valueMarkup) =>
        grid.AddRow(new Markup($"[grey]{Markup.Escape(name)}:[/]"), new Markup(valueMarkup));

    /// <summary>Escaped text, or a dash for nothing.</summary>
    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "[grey]-[/]" : Markup.Escape(value);

    /// <summary>Escaped text cut to <paramref name="length"/> characters on one line.</summary>
    public static string Text(string? value, int length)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Text(value);
        }

        var line = value.ReplaceLineEndings(" ");
        return Markup.Escape(line.Length <= length ? line : string.Concat(line.AsSpan(0, length - 1), "…"));
    }

    /// <summary>The first 8 characters of a GUID, like a short git hash (the admin API takes it back as a unique id prefix).</summary>
    public static string ShortId(string id) => id.Length > 8 && Guid.TryParse(id, out _) ? id[..8] : id;

    /// <inheritdoc cref="ShortId(string)"/>
    public static string ShortId(Guid id) => id.ToString()[..8];

    /// <summary>A state in its colour.</summary>
    public static string State(string? state) => state switch
    {
        null or "" => Text(state),
        "Created" or "Active" => $"[green]{Markup.Escape(state)}[/]",
        "Failed" or "ReauthorizationRequired" => $"[red]{Markup.Escape(state)}[/]",
        "Parked" or "Uncertain" or "AwaitingAuthorization" or "AwaitingSiteChoice" => $"[yellow]{Markup.Escape(state)}[/]",
        "Pending" or "InProgress" => $"[blue]{Markup.Escape(state)}[/]",
        _ => $"[grey]{Markup.Escape(state)}[/]",
    };

    /// <summary>A time of the admin API (UTC) as an instant.</summary>
    public static DateTimeOffset? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
        { } utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
    };

    /// <summary>Time since <paramref name="at"/> the way kubectl prints ages: 45s, 3m20s, 12m, 5h, 3d.</summary>
    public static string Age(DateTimeOffset? at, DateTimeOffset now) => at is { } value ? Duration(now - value) : "-";

    /// <inheritdoc cref="Age(DateTimeOffset?, DateTimeOffset)"/>
    public static string Age(DateTime? at, DateTimeOffset now) => Age(Utc(at), now);

    /// <summary>"in 42m" or "3m ago".</summary>
    public static string Relative(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } value)
        {
            return "-";
        }

        var delta = value - now;
        return delta >= TimeSpan.Zero ? $"in {Duration(delta)}" : $"{Duration(-delta)} ago";
    }

    /// <inheritdoc cref="Relative(DateTimeOffset?, DateTimeOffset)"/>
    public static string Relative(DateTime? at, DateTimeOffset now) => Relative(Utc(at), now);

    /// <inheritdoc cref="Timestamp(DateTimeOffset?, DateTimeOffset)"/>
    public static string Timestamp(DateTime? at, DateTimeOffset now) => Timestamp(Utc(at), now);

    /// <summary>A time with its relative form: <c>2026-01-02 10:00:00Z (5m ago)</c>.</summary>
    public static string Timestamp(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } value ? $"{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} [grey]({Relative(value, now)})[/]" : "[grey]-[/]";

    /// <summary>kubectl's HumanDuration, simplified.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var seconds = (long)span.TotalSeconds;
        var minutes = (long)span.TotalMinutes;
        var hours = (long)span.TotalHours;
        var days = (long)span.TotalDays;
        return span switch
        {
            _ when seconds < 120 => Invariant($"{seconds}s"),
            _ when minutes < 10 => seconds % 60 == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{seconds % 60}s"),
            _ when hours < 3 => Invariant($"{minutes}m"),
            _ when hours < 8 => minutes % 60 == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{minutes % 60}m"),
            _ when hours < 48 => Invariant($"{hours}h"),
            _ when days < 8 => hours % 24 == 0 ? Invariant($"{days}d") : Invariant($"{days}d{hours % 24}h"),
            _ => Invariant($"{days}d"),
        };
    }

    /// <summary>A count with its noun: "1 command", "3 commands".</summary>
    public static string Count(long count, string noun) => Invariant($"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>Quotes an argument for a shell hint when it needs it.</summary>
    public static string Arg(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@'))
        {
            return value;
        }

        var quoted = new StringBuilder("'");
        quoted.Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
        return quoted.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
