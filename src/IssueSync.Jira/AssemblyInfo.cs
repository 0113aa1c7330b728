using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IssueSync.Jira.Tests")]
