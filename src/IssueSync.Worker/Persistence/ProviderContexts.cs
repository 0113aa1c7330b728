using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Persistence;

/// <summary>PostgreSQL: the engine every test runs on. Migrations in Migrations/Postgres.</summary>
public sealed class PostgresIssueSyncDbContext(DbContextOptions<PostgresIssueSyncDbContext> options) : IssueSyncDbContext(options);

/// <summary>SQL Server: the production engine of the brief. Migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerIssueSyncDbContext(DbContextOptions<SqlServerIssueSyncDbContext> options) : IssueSyncDbContext(options);

/// <summary>SQLite: the embedded default for a single process. Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteIssueSyncDbContext(DbContextOptions<SqliteIssueSyncDbContext> options) : IssueSyncDbContext(options);
