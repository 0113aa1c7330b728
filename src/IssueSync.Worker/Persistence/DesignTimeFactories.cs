using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IssueSync.Worker.Persistence;

// Used by `dotnet ef migrations add … --context <X>IssueSyncDbContext`; no database is contacted.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIssueSyncDbContext>
{
    public PostgresIssueSyncDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
        builder.UseIssueSyncPostgres("Host=localhost;Database=issuesync");
        return new PostgresIssueSyncDbContext(builder.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerIssueSyncDbContext>
{
    public SqlServerIssueSyncDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlServerIssueSyncDbContext>();
        builder.UseIssueSyncSqlServer("Server=localhost;Database=issuesync;TrustServerCertificate=true");
        return new SqlServerIssueSyncDbContext(builder.Options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIssueSyncDbContext>
{
    public SqliteIssueSyncDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteIssueSyncDbContext>();
        builder.UseIssueSyncSqlite("Data Source=issuesync.db");
        return new SqliteIssueSyncDbContext(builder.Options);
    }
}
