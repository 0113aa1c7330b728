using IssueSync.Contracts;

namespace IssueSync.Producer;

/// <summary>The mistakes a producer can see without knowing the Jira project: they are caught before sending.</summary>
public static class CreateIssueChecks
{
    /// <summary>Returns one readable problem per mistake (<see cref="CreateIssueRules"/>); empty when the command may be sent.</summary>
    public static IReadOnlyList<string> Find(CreateIssue command) =>
        CreateIssueRules.Check(command).Select(e => $"{e.Field}: {e.Message}").ToList();
}
