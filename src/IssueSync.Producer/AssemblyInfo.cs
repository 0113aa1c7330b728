using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IssueSync.Producer.Tests")]
