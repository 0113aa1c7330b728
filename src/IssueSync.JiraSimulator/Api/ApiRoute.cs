namespace IssueSync.JiraSimulator.Api;

/// <summary>A matched API route: its stats name, the classic scope it needs, and the handler.</summary>
internal sealed record ApiRoute(string Endpoint, string? Scope, string? CloudId, Func<RequestContext, System.Text.Json.JsonElement, SimResponse> Handler);
