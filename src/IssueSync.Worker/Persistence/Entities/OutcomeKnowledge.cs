namespace IssueSync.Worker.Persistence.Entities;

/// <summary>What the ledger knows about the create requests sent for a command that is not yet created.</summary>
public enum OutcomeKnowledge
{
    /// <summary>No create request was sent, or the absence of an issue from every earlier one was confirmed.</summary>
    NotPosted = 0,

    /// <summary>Jira answered the last create request with an error: it created nothing.</summary>
    Rejected = 1,

    /// <summary>A create request may have created the issue: it must be looked up before anything is posted again.</summary>
    MayExist = 2,
}
