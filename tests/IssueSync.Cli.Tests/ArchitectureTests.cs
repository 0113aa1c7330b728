using System.Xml.Linq;

namespace IssueSync.Cli.Tests;

/// <summary>
/// Who may reference whom. The worker is a host, not a library: only the demo (which runs one) references it. The CLI
/// is an HTTP client of the admin API: it holds no worker, simulator, EF Core or MassTransit, directly or through another project.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void No_project_in_src_but_the_demo_references_the_worker()
    {
        var referencing = SourceProjects()
            .Where(p => p != "IssueSync.Worker" && Closure(p).Contains("IssueSync.Worker"))
            .ToList();

        Assert.Equal(["IssueSync.Demo"], referencing);
    }

    [Fact]
    public void The_cli_references_only_the_contracts_the_jira_library_and_the_admin_contracts()
    {
        Assert.Equal(["IssueSync.Admin.Contracts", "IssueSync.Contracts", "IssueSync.Jira"], Closure("IssueSync.Cli").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_cli_brings_no_worker_simulator_ef_core_or_masstransit_packages()
    {
        var packages = Closure("IssueSync.Cli").Append("IssueSync.Cli").SelectMany(PackageReferences).ToList();

        Assert.DoesNotContain(packages, p => p.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || p.StartsWith("MassTransit", StringComparison.Ordinal) || p.StartsWith("Npgsql", StringComparison.Ordinal)
            || p.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        // What the build copied next to the CLI (this test project references only the CLI and the Jira library) agrees.
        foreach (var assembly in new[] { "IssueSync.Worker.dll", "IssueSync.JiraSimulator.dll", "Microsoft.EntityFrameworkCore.dll", "MassTransit.dll" })
        {
            Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, assembly)), $"{assembly} is in the CLI's output");
        }
    }

    private static IEnumerable<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).Where(name => File.Exists(ProjectFile(name!))).Order(StringComparer.Ordinal)!;

    // Every project a project reaches through ProjectReference, by name.
    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(References(project));
        while (todo.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in References(next))
                {
                    todo.Push(reference);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<string> References(string project) =>
        Items(project, "ProjectReference").Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));

    private static IEnumerable<string> PackageReferences(string project) => Items(project, "PackageReference");

    private static IEnumerable<string> Items(string project, string item) =>
        XDocument.Load(ProjectFile(project)).Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>();

    private static string ProjectFile(string project) => Path.Combine(Root, "src", project, project + ".csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IssueSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"IssueSync.sln was not found above {AppContext.BaseDirectory}.");
    }
}
