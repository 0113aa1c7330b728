namespace IssueSync.Worker.Persistence.Entities;

public enum ConnectionStatus
{
    /// <summary>Created by an operator; the user has not completed the consent flow yet.</summary>
    AwaitingAuthorization = 0,

    /// <summary>Tokens are stored, but the user can reach several sites and none has been chosen.</summary>
    AwaitingSiteChoice = 1,

    Active = 2,

    /// <summary>Atlassian answered <c>invalid_grant</c>; the user must consent again. Commands are parked.</summary>
    ReauthorizationRequired = 3,

    Disconnected = 4,

    /// <summary>
    /// A reconnect was completed by a different Atlassian account than the one that consented before. Commands are
    /// parked until an operator confirms the new account or refuses it.
    /// </summary>
    AwaitingAccountConfirmation = 5,
}
