namespace IssueSync.Jira.Tests.Support;

/// <summary>Response bodies quoted in shared/docs/atlassian-api.md.</summary>
internal static class AtlassianBodies
{
    public const string Created = """{"id":"10000","key":"ED-24","self":"https://your-domain.atlassian.net/rest/api/3/issue/10000","transition":{"status":200,"errorCollection":{"errorMessages":[],"errors":{}}}}""";
    public const string InvalidInput = """{"errorMessages":["INVALID_INPUT"],"errors":{}}""";
    public const string NotAdf = """{"errorMessages":[],"errors":{"description":"Operation value must be an Atlassian Document (see the Atlassian Document Format)"}}""";
    public const string LabelWithSpaces = """{"errorMessages":[],"errors":{"labels":"The label 'Test Application' contains spaces which is invalid."}}""";
    public const string TextTooLong = """{"errors":{"description":"The entered text is too long. It exceeds the allowed limit of 32,767 characters."}}""";
    public const string PriorityInvalid = """{"errorMessages":[],"errors":{"priority":"The priority selected is invalid."}}""";
    public const string FieldCannotBeSet = """{"errorMessages":[],"errors":{"customfield_10050":"Field 'customfield_10050' cannot be set. It is not on the appropriate screen, or unknown."}}""";
    public const string PriorityRequired = """{"errorMessages":["Field 'priority' is required"],"errors":{}}""";
    public const string InvalidGrant = """{"error": "invalid_grant", "error_description": "Unknown or invalid refresh token."}""";
    public const string ScopeDoesNotMatch = """{"code":401,"message":"Unauthorized; scope does not match"}""";
    public const string IssueNotFound = """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""";
    public const string AccessibleResources = """
        [{"id":"1324a887-45db-1bf4-1e99-ef0ff456d421","name":"Site name","url":"https://your-domain.atlassian.net",
          "scopes":["write:jira-work","read:jira-user","manage:jira-configuration"],
          "avatarUrl":"https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/flag.png"}]
        """;
}
