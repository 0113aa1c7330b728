namespace IssueSync.Harness;

/// <summary>Finds a project's built assembly under <c>artifacts/bin/&lt;Project&gt;/release|debug</c> (Release first).</summary>
public static class BuiltArtifacts
{
    public static string Find(string repositoryRoot, string project)
    {
        foreach (var configuration in new[] { "release", "debug" })
        {
            var dll = Path.Combine(repositoryRoot, "artifacts", "bin", project, configuration, project + ".dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new HarnessException(
            $"{project} is not built: no artifacts/bin/{project}/release/{project}.dll. Build it first: dotnet build src/{project} -c Release");
    }
}
