using IssueSync.Worker.Admin.Commands;
using IssueSync.Worker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Tests.Admin;

/// <summary>What counts as an id prefix, and that the prefix query is SQL on the engines that cannot run here.</summary>
public sealed class CommandFinderTests
{
    [Theory]
    [InlineData("3f2c", "3f2c")]
    [InlineData("3F2C9A1E", "3f2c9a1e")]
    [InlineData("3f2c9a1e5b7d", "3f2c9a1e-5b7d")]
    [InlineData("3f2c9a1e-5b", "3f2c9a1e-5b")]
    [InlineData("3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f", "3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f")]
    [InlineData("3f2c9a1e5b7d4c1e9f001a2b3c4d5e6f", "3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f")]
    public void Hex_digits_with_or_without_dashes_are_a_prefix_of_the_canonical_id(string name, string prefix) =>
        Assert.Equal(prefix, CommandFinder.IdPrefix(name));

    [Theory]
    [InlineData("3f2")]
    [InlineData("alert-4711")]
    [InlineData("-3f2c")]
    [InlineData("3f2c%")]
    [InlineData("3f2c_")]
    [InlineData("3f2c9a1e5b7d4c1e9f001a2b3c4d5e6f0")]
    public void Anything_else_is_not_a_prefix(string name) => Assert.Null(CommandFinder.IdPrefix(name));

    [Fact]
    public void The_prefix_query_is_lower_case_text_like_on_SQL_Server()
    {
        var options = new DbContextOptionsBuilder<SqlServerIssueSyncDbContext>();
        options.UseIssueSyncSqlServer("Server=localhost;Database=issuesync;TrustServerCertificate=true");
        using var context = new SqlServerIssueSyncDbContext(options.Options);

        var sql = context.Commands.Where(CommandFinder.IdStartsWith("3f2c9a1e")).ToQueryString();

        Assert.Contains("LOWER(CONVERT(varchar(36), [c].[Id])) LIKE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prefix_query_is_lower_case_text_like_on_PostgreSQL()
    {
        var options = new DbContextOptionsBuilder<PostgresIssueSyncDbContext>();
        options.UseIssueSyncPostgres("Host=localhost;Database=issuesync");
        using var context = new PostgresIssueSyncDbContext(options.Options);

        var sql = context.Commands.Where(CommandFinder.IdStartsWith("3f2c9a1e")).ToQueryString();

        Assert.Contains("lower(c.\"Id\"::text) LIKE", sql, StringComparison.Ordinal);
    }
}
