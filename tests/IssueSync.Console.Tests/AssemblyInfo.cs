using IssueSync.IntegrationTests.Infrastructure;

// The integration tests' real RabbitMQ and PostgreSQL; each test takes its own database and queue.
[assembly: AssemblyFixture(typeof(IntegrationServices))]
[assembly: AssemblyFixture(typeof(IssueSync.Console.Tests.BrowserFixture))]
