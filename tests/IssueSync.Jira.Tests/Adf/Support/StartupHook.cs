using IssueSync.Jira.Tests.Adf.Support;

#pragma warning disable CA1050 // The runtime finds a startup hook by this exact name, in no namespace.

/// <summary>
/// The .NET startup hook (DOTNET_STARTUP_HOOKS) that <see cref="ChildProcess"/> sets for its children only: it runs
/// before the test platform's entry point and, unlike a module initializer, holds no loader lock while it waits.
/// </summary>
public static class StartupHook
{
    /// <summary>Runs the requested scenario and exits.</summary>
    public static void Initialize() => ChildProcess.RunScenarioIfAsked();
}
