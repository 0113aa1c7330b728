using System.ComponentModel.DataAnnotations;

namespace IssueSync.Worker.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Postgres, SqlServer or Sqlite.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "Database:ConnectionString is required (for SQLite, e.g. 'Data Source=issuesync.db').")]
    public string ConnectionString { get; set; } = "Data Source=issuesync.db";

    /// <summary>Apply pending migrations when the host starts. Off in Kubernetes, where a Job migrates once.</summary>
    public bool MigrateOnStartup { get; set; }
}

public enum DatabaseProvider
{
    Postgres,
    SqlServer,
    Sqlite,
}
