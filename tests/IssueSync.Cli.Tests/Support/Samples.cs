namespace IssueSync.Cli.Tests.Support;

/// <summary>Answers shaped exactly as docs/admin-api.md describes them. "Now" in the tests is 2026-03-10T12:00:00Z.</summary>
public static class Samples
{
    public const string CommandId = "3f2c9a1e-5b7d-4c1e-9f00-1a2b3c4d5e6f";
    public const string OtherCommandId = "8d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6";

    public const string ActiveConnection = """
        {"id":"0d7c6a52-1e1b-4a8e-9d3c-5b1f2e3a4c5d","name":"acme","status":"Active","statusReason":null,
         "cloudId":"11111111-2222-3333-4444-555555555555","siteUrl":"https://acme.atlassian.net","siteName":"Acme",
         "availableSites":[{"id":"11111111-2222-3333-4444-555555555555","name":"Acme","url":"https://acme.atlassian.net"}],
         "accessTokenExpiresAt":"2026-03-10T12:42:00Z","lastRefreshedAt":"2026-03-10T11:42:00Z","throttledUntil":null,
         "createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-10T11:42:00Z",
         "commands":{"pending":3,"inProgress":1,"parked":0,"failed":7,"created":120,"discarded":2,"uncertain":1}}
        """;

    public const string AwaitingSiteConnection = """
        {"id":"9a8b7c6d-1e1b-4a8e-9d3c-5b1f2e3a4c5d","name":"globex","status":"AwaitingSiteChoice","statusReason":"The user can reach 2 sites.",
         "cloudId":null,"siteUrl":null,"siteName":null,
         "availableSites":[{"id":"aaaa1111-0000-0000-0000-000000000001","name":"Globex","url":"https://globex.atlassian.net"},
                           {"id":"bbbb2222-0000-0000-0000-000000000002","name":"Globex Labs","url":"https://globex-labs.atlassian.net"}],
         "accessTokenExpiresAt":"2026-03-10T11:50:00Z","lastRefreshedAt":null,"throttledUntil":null,
         "createdAt":"2026-03-10T11:00:00Z","updatedAt":"2026-03-10T11:00:00Z",
         "commands":{"pending":0,"inProgress":0,"parked":4,"failed":0,"created":0,"discarded":0,"uncertain":0}}
        """;

    public const string HeldAccountConnection = """
        {"id":"0d7c6a52-1e1b-4a8e-9d3c-5b1f2e3a4c5d","name":"acme","status":"AwaitingAccountConfirmation",
         "statusReason":"Reconnected by another Atlassian account: Eve (712020:eve), not Mia <mia@example.com> (5b10:mia) that consented before.",
         "cloudId":"11111111-2222-3333-4444-555555555555","siteUrl":"https://acme.atlassian.net","siteName":"Acme",
         "availableSites":[{"id":"11111111-2222-3333-4444-555555555555","name":"Acme","url":"https://acme.atlassian.net"}],
         "atlassianAccountId":"5b10:mia","atlassianAccount":"Mia <mia@example.com>","pendingAccountId":"712020:eve","pendingAccount":"Eve",
         "accessTokenExpiresAt":"2026-03-10T12:42:00Z","lastRefreshedAt":"2026-03-10T11:42:00Z","throttledUntil":null,
         "createdAt":"2026-03-01T09:00:00Z","updatedAt":"2026-03-10T11:42:00Z",
         "commands":{"pending":0,"inProgress":0,"parked":5,"failed":0,"created":120,"discarded":0,"uncertain":0}}
        """;

    public static readonly string Connections = $"[{ActiveConnection},{AwaitingSiteConnection}]";

    public const string AuthorizeUrl =
        "http://127.0.0.1:5090/authorize?audience=api.atlassian.com&client_id=issuesync-demo-client&scope=read%3Ajira-work%20write%3Ajira-work%20read%3Ajira-user%20offline_access&redirect_uri=http%3A%2F%2Flocalhost%3A5080%2Foauth%2Fcallback&state=Zk3xQ9v2T7mB1nH8pL4rW6yC0aE5sD2fG9hJ3kL7mN1pQ4rS8tU&response_type=code&prompt=consent";

    public static readonly string CreatedConnection = $$"""
        {"id":"0d7c6a52-1e1b-4a8e-9d3c-5b1f2e3a4c5d","name":"acme","status":"AwaitingAuthorization","statusReason":null,"cloudId":null,"siteUrl":null,"siteName":null,
         "availableSites":[],"accessTokenExpiresAt":null,"lastRefreshedAt":null,"throttledUntil":null,"createdAt":"2026-03-10T12:00:00Z","updatedAt":"2026-03-10T12:00:00Z",
         "commands":{"pending":0,"inProgress":0,"parked":0,"failed":0,"created":0,"discarded":0,"uncertain":0},
         "authorizeUrl":"{{AuthorizeUrl}}","authorizeExpiresAt":"2026-03-10T12:10:00Z"}
        """;

    public const string FailedSummary = $$"""
        {"id":"{{CommandId}}","idempotencyKey":"alert-4711","connectionId":"acme","projectKey":"OPS","summary":"Checkout returns 500",
         "state":"Failed","attempts":2,"nextAttemptAt":null,"reasonCode":"validation","lastError":"Jira rejected 2 fields.",
         "jiraIssueKey":null,"cloudId":"11111111-2222-3333-4444-555555555555","receivedAt":"2026-03-10T11:55:00Z","updatedAt":"2026-03-10T11:56:00Z","completedAt":null,
         "outcome":"Rejected","dedupeLabel":"issuesync-5c1f3a9e0b7d4e21"}
        """;

    public const string CreatedSummary = $$"""
        {"id":"{{OtherCommandId}}","idempotencyKey":"alert-4712","connectionId":"acme","projectKey":"OPS","summary":"Disk full on db-2",
         "state":"Created","attempts":1,"nextAttemptAt":null,"reasonCode":null,"lastError":null,
         "jiraIssueKey":"OPS-42","cloudId":"11111111-2222-3333-4444-555555555555","receivedAt":"2026-03-10T09:00:00Z","updatedAt":"2026-03-10T09:00:01Z","completedAt":"2026-03-10T09:00:01Z",
         "outcome":"MayExist","dedupeLabel":"issuesync-8a2b4c6d8e0f1a2b"}
        """;

    public const string UncertainSummary = $$"""
        {"id":"{{CommandId}}","idempotencyKey":"alert-4711","connectionId":"acme","projectKey":"OPS","summary":"Checkout returns 500",
         "state":"Uncertain","attempts":1,"nextAttemptAt":"2026-03-10T12:15:00Z","reasonCode":"unknown-outcome","lastError":"Jira answered 504 after the request was sent.",
         "jiraIssueKey":null,"cloudId":"11111111-2222-3333-4444-555555555555","receivedAt":"2026-03-10T11:55:00Z","updatedAt":"2026-03-10T11:56:00Z","completedAt":null,
         "outcome":"MayExist","dedupeLabel":"issuesync-5c1f3a9e0b7d4e21"}
        """;

    public const string AwaitingOperatorSummary = $$"""
        {"id":"{{OtherCommandId}}","idempotencyKey":"alert-4712","connectionId":"acme","projectKey":"OPS","summary":"Disk full on db-2",
         "state":"Uncertain","attempts":1,"nextAttemptAt":null,"reasonCode":"uncertain-awaiting-operator","lastError":"Every lookup came back empty.",
         "jiraIssueKey":null,"cloudId":"11111111-2222-3333-4444-555555555555","receivedAt":"2026-03-10T09:00:00Z","updatedAt":"2026-03-10T09:30:00Z","completedAt":null,
         "outcome":"MayExist","dedupeLabel":"issuesync-8a2b4c6d8e0f1a2b"}
        """;

    public static readonly string UncertainPage = $$"""{"items":[{{UncertainSummary}},{{AwaitingOperatorSummary}}],"page":1,"pageSize":50,"total":2}""";

    /// <summary>An uncertain command with its (empty) field errors, command and attempt log.</summary>
    public static readonly string UncertainDetail = "{" + UncertainSummary.Trim()[1..^1] + """
        ,"fieldErrors":[],"command":{"idempotencyKey":"alert-4711","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"Checkout returns 500"},
        "attemptLog":[{"number":1,"startedAt":"2026-03-10T11:55:01Z","finishedAt":"2026-03-10T11:55:31Z","outcome":"unknown-outcome","httpStatus":504,"detail":"Jira answered 504.","replica":"worker-1","retryAfterSeconds":null}]}
        """;

    public static readonly string CommandPage = $$"""{"items":[{{FailedSummary}},{{CreatedSummary}}],"page":1,"pageSize":2,"total":5}""";

    private const string DetailTail = """
        "fieldErrors":[{"field":"priority","message":"Priority 'Urgent' is not allowed; allowed: High, Medium, Low."},
                       {"field":"customfield_10050","message":"Option 'Sev9' is not valid for Severity."}],
        "command":{"idempotencyKey":"alert-4711","connectionId":"acme","projectKey":"OPS","issueType":"Bug","summary":"Checkout returns 500",
                   "descriptionMarkdown":"## Steps\n1. pay","priority":"Urgent","labels":["checkout","alerting"],"customFields":{"customfield_10050":"Sev9"}},
        "attemptLog":[{"number":1,"startedAt":"2026-03-10T11:55:01Z","finishedAt":"2026-03-10T11:55:02Z","outcome":"TransientFailure","httpStatus":429,"detail":"Jira answered 429.","replica":"worker-1","retryAfterSeconds":30},
                      {"number":2,"startedAt":"2026-03-10T11:55:10Z","finishedAt":"2026-03-10T11:55:10.4Z","outcome":"PermanentFailure","httpStatus":400,"detail":"Field errors.","replica":"worker-2","retryAfterSeconds":null}],
        "history":[{"at":"2026-03-10T11:58:00Z","actor":"olga-operator","role":"operator","action":"DiscardCommand","status":409,"detail":"reason: duplicate","surface":"console"}]
        """;

    /// <summary>docs/admin-api.md: CommandSummary + fieldErrors, command, attemptLog, history (flat).</summary>
    public static readonly string FailedDetail = "{" + FailedSummary.Trim()[1..^1] + "," + DetailTail + "}";


    public const string Failures = """
        [{"reasonCode":"permission-denied","count":1,"oldest":"2026-03-09T12:00:00Z","newest":"2026-03-09T12:00:00Z","sampleMessage":"The user may not create issues in HR.","connections":["globex"]},
         {"reasonCode":"validation","count":6,"oldest":"2026-03-08T12:00:00Z","newest":"2026-03-10T11:55:00Z","sampleMessage":"Priority 'Urgent' is not allowed.","connections":["acme","globex"]}]
        """;

    public const string Rejected = """
        {"items":[{"id":"5e6f7a8b-0000-4000-8000-000000000001","reasonCode":"malformed-command","reason":"The body is not JSON.","idempotencyKey":null,
                   "messageId":"m-1","messageType":null,"contentType":"application/json","bodyLength":12,"receivedAt":"2026-03-10T11:00:00Z","rawBody":"{not json..."}],
         "page":1,"pageSize":50,"total":1}
        """;

    public const string ErrorQueue = """
        [{"messageId":"0b8e0000-1c2d-3e4f-5a6b-7c8d9e0f1a2b","exceptionType":"System.InvalidOperationException","exceptionMessage":"Boom while consuming.",
          "reason":"fault","faultTimestamp":"2026-03-10T11:30:00Z","inputAddress":"rabbitmq://localhost/create-issue",
          "messageType":"urn:message:IssueSync.Contracts:CreateIssue","bodyLength":512,"body":"{}"}]
        """;
}
