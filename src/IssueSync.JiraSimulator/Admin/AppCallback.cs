namespace IssueSync.JiraSimulator.Admin;

/// <summary>The body of <c>POST /_simulator/app/callbacks</c>: a callback URL to register on the app.</summary>
public sealed record AppCallback(string? Url);

/// <summary>The app's callback URLs (the answer of <c>POST /_simulator/app/callbacks</c>).</summary>
public sealed record AppCallbacks(IReadOnlyList<string> RedirectUris);
