using IssueSync.Worker.Ledger;

namespace IssueSync.Worker.Tests.Ledger;

/// <summary>docs/architecture.md prints the failure table for people; this keeps that copy equal to the code.</summary>
public sealed class ArchitectureDocumentTests
{
    [Fact]
    public void The_failure_table_in_the_architecture_document_is_the_one_in_the_code()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var start = document.IndexOf("<!-- failure-table:start -->", StringComparison.Ordinal);
        var end = document.IndexOf("<!-- failure-table:end -->", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "docs/architecture.md has no failure table between its markers");

        var rows = document[start..end].Split('\n')
            .Where(l => l.StartsWith('|') && !l.StartsWith("| condition", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[0], c => c);

        Assert.Equal(Enum.GetNames<FailureCondition>().Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (condition, disposition) in FailurePolicy.Table)
        {
            var row = rows[condition.ToString()];
            Assert.True(disposition.Kind.ToString() == row[1], $"{condition}: the document says {row[1]}, the code {disposition.Kind}");
            Assert.True((disposition.CountsAsAttempt ? "yes" : "no") == row[2], $"{condition}: counts as an attempt");
            Assert.True((disposition.Pace == PaceScope.None ? "—" : disposition.Pace.ToString()) == row[3], $"{condition}: pace");
            Assert.True(disposition.ReasonCode == row[4], $"{condition}: the document says '{row[4]}', the code '{disposition.ReasonCode}'");
            var after = disposition.AfterRefresh is { } a ? $"{a.Kind}, {(a.CountsAsAttempt ? "counts, " : "")}{a.ReasonCode}" : "";
            Assert.True(after == row[5], $"{condition}: after one refresh the document says '{row[5]}', the code '{after}'");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IssueSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (IssueSync.sln) was not found above " + AppContext.BaseDirectory);
    }
}
