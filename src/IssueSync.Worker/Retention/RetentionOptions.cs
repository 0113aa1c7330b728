using System.ComponentModel.DataAnnotations;

namespace IssueSync.Worker.Retention;

/// <summary>How long what is finished is kept (section <c>Retention</c>), and how the sweep deletes it.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>An OAuth state is deleted this long after it expired (used or not).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan OAuthStates { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A rejected message (with its raw body, up to 256 KB) is deleted this long after it was received.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan RejectedMessages { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A command that ended (Created, Failed, Discarded) and whose answer was sent is deleted, with its attempts, this
    /// long after it ended. A message with the same idempotency key arriving later is a new command: keep this longer
    /// than any producer may republish.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan CompletedCommands { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Rows per delete statement: small, so no sweep holds locks long or bloats one transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Time between sweeps.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
