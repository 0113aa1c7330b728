using IssueSync.IntegrationTests.Infrastructure;

// One set of real services for the whole assembly; test classes still run in parallel, each with its own
// database and queue names.
[assembly: AssemblyFixture(typeof(IntegrationServices))]
