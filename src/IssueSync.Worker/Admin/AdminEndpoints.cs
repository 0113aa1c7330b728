using System.Net;
using System.Text.Json;
using IssueSync.Contracts;
using IssueSync.Worker.Admin;
using IssueSync.Worker.Ledger;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The admin API (docs/admin-api.md) and the public OAuth callback.</summary>
public static class AdminEndpoints
{
    public const string PolicyName = "IssueSyncAdmin";

    public static WebApplication MapIssueSyncAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/oauth/callback", OAuthCallbackAsync).AllowAnonymous();

        var admin = app.MapGroup("/admin").RequireAuthorization(PolicyName);

        var connections = admin.MapGroup("/connections");
        connections.MapPost("", async (NewConnectionRequest body, ConnectionAdmin service, CancellationToken ct) =>
            ToResult(await service.CreateAsync(body.Name, ct), created => Results.Created($"/admin/connections/{created.Connection.Name}", Flatten(created))));
        connections.MapGet("", async (ConnectionAdmin service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        connections.MapGet("/{name}", async (string name, ConnectionAdmin service, CancellationToken ct) =>
            await service.GetAsync(name, ct) is { } view ? Results.Ok(view) : Problem(HttpStatusCode.NotFound, $"No connection named '{name}'."));
        connections.MapPost("/{name}/authorize", async (string name, ConnectionAdmin service, CancellationToken ct) =>
            ToResult(await service.AuthorizeAsync(name, ct), Results.Ok));
        connections.MapPut("/{name}/site", async (string name, ChooseSiteRequest body, ConnectionAdmin service, CancellationToken ct) =>
            ToResult(await service.ChooseSiteAsync(name, body.Site, ct), Results.Ok));
        connections.MapDelete("/{name}", async (string name, ConnectionAdmin service, CancellationToken ct) =>
            ToResult(await service.DisconnectAsync(name, ct), _ => Results.NoContent()));

        var commands = admin.MapGroup("/commands");
        commands.MapPost("", async (JsonElement body, CommandAdmin service, CancellationToken ct) =>
        {
            List<CreateIssue> batch;
            try
            {
                batch = body.ValueKind == JsonValueKind.Array
                    ? body.Deserialize<List<CreateIssue>>(CommandLedger.CommandJson) ?? []
                    : [body.Deserialize<CreateIssue>(CommandLedger.CommandJson)!];
            }
            catch (JsonException ex)
            {
                return Problem(HttpStatusCode.BadRequest, $"The body is not a CreateIssue command or an array of them: {ex.Message}");
            }

            return Results.Accepted(value: new { accepted = await service.PublishAsync(batch, ct) });
        });
        commands.MapGet("", async (string? state, string? connection, string? reason, DateTime? since, DateTime? until, int? page, int? pageSize,
            CommandAdmin service, CancellationToken ct) =>
            Results.Ok(await service.ListAsync(state, connection, reason, since, until, page ?? 1, pageSize ?? 50, ct)));
        commands.MapGet("/{id}", async (string id, CommandAdmin service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } detail ? Results.Ok(Flatten(detail)) : Problem(HttpStatusCode.NotFound, $"No command '{id}'."));
        commands.MapPost("/{id}/retry", async (string id, CommandAdmin service, CancellationToken ct) => ToResult(await service.RetryAsync(id, ct), Results.Ok));
        commands.MapPost("/retry", async (RetryFilter filter, CommandAdmin service, CancellationToken ct) =>
            Results.Ok(new { retried = await service.RetryManyAsync(filter, ct) }));
        commands.MapPut("/{id}", async (string id, CommandEdit edit, CommandAdmin service, CancellationToken ct) =>
            ToResult(await service.EditAsync(id, edit, ct), detail => Results.Ok(Flatten(detail))));
        commands.MapPost("/{id}/discard", async (string id, DiscardRequest body, CommandAdmin service, CancellationToken ct) =>
            ToResult(await service.DiscardAsync(id, body.Reason, ct), Results.Ok));
        commands.MapPost("/{id}/fail", async (string id, DiscardRequest body, CommandAdmin service, CancellationToken ct) =>
            ToResult(await service.FailAsync(id, body.Reason, ct), Results.Ok));
        commands.MapPost("/{id}/resolve", async (string id, ResolveRequest body, CommandAdmin service, CancellationToken ct) =>
            ToResult(await service.ResolveAsync(id, body, ct), Results.Ok));

        admin.MapGet("/failures", async (string? connection, CommandAdmin service, CancellationToken ct) => Results.Ok(await service.FailuresAsync(connection, ct)));
        admin.MapGet("/rejected", async (string? reason, int? page, int? pageSize, CommandAdmin service, CancellationToken ct) =>
            Results.Ok(await service.RejectedAsync(reason, page ?? 1, pageSize ?? 50, ct)));

        admin.MapGet("/error-queue", async (int? limit, ErrorQueueAdmin service, CancellationToken ct) =>
            service.IsAvailable ? Results.Ok(await service.PeekAsync(limit ?? 50, ct)) : NoErrorQueue());
        admin.MapPost("/error-queue/redrive", async (RedriveRequest body, ErrorQueueAdmin service, CancellationToken ct) =>
        {
            if (!service.IsAvailable)
            {
                return NoErrorQueue();
            }

            if (!body.All && body.MessageIds is not { Count: > 0 } && string.IsNullOrEmpty(body.ExceptionType))
            {
                return Problem(HttpStatusCode.BadRequest, "Say which messages to re-drive: messageIds, exceptionType, or all: true.");
            }

            return Results.Ok(await service.RedriveAsync(body, ct));
        });
        return app;
    }

    private static async Task<IResult> OAuthCallbackAsync(string? code, string? state, string? error, ConnectionAdmin service, CancellationToken ct)
    {
        var result = await service.CompleteAsync(code, state, error, ct);
        if (result.IsOk)
        {
            var view = result.Value;
            var next = view.Status == "Active"
                ? $"IssueSync will create issues on {WebUtility.HtmlEncode(view.SiteName ?? view.SiteUrl)} as this account."
                : WebUtility.HtmlEncode(view.StatusReason ?? "");
            return Results.Content(Page("Connected", $"Connection <b>{WebUtility.HtmlEncode(view.Name)}</b> is {view.Status}. {next}"), "text/html");
        }

        var status = result.Outcome == AdminOutcome.Unavailable ? StatusCodes.Status502BadGateway : StatusCodes.Status400BadRequest;
        return Results.Content(Page("Connection failed", WebUtility.HtmlEncode(result.Message ?? "The authorization failed.")), "text/html", statusCode: status);
    }

    private static string Page(string title, string body) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>IssueSync – {title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>";

    private static object Flatten(CreatedConnectionView created) => new
    {
        created.Connection.Id, created.Connection.Name, created.Connection.Status, created.Connection.StatusReason,
        created.Connection.CloudId, created.Connection.SiteUrl, created.Connection.SiteName, created.Connection.AvailableSites,
        created.Connection.AccessTokenExpiresAt, created.Connection.LastRefreshedAt, created.Connection.ThrottledUntil,
        created.Connection.CreatedAt, created.Connection.UpdatedAt, created.Connection.Commands,
        created.AuthorizeUrl, created.AuthorizeExpiresAt,
    };

    private static object Flatten(CommandDetail detail) => new
    {
        detail.Summary.Id, detail.Summary.IdempotencyKey, detail.Summary.ConnectionId, detail.Summary.ProjectKey, detail.Summary.Summary,
        detail.Summary.State, detail.Summary.Attempts, detail.Summary.NextAttemptAt, detail.Summary.ReasonCode, detail.Summary.LastError,
        detail.Summary.JiraIssueKey, detail.Summary.CloudId, detail.Summary.ReceivedAt, detail.Summary.UpdatedAt, detail.Summary.CompletedAt,
        detail.Summary.Outcome, detail.Summary.DedupeLabel, detail.FieldErrors, detail.Command, detail.AttemptLog,
    };

    private static IResult ToResult<T>(AdminResult<T> result, Func<T, IResult> ok) => result.Outcome switch
    {
        AdminOutcome.Ok => ok(result.Value!),
        AdminOutcome.NotFound => Problem(HttpStatusCode.NotFound, result.Message),
        AdminOutcome.Conflict => Problem(HttpStatusCode.Conflict, result.Message),
        AdminOutcome.Unavailable => Problem(HttpStatusCode.BadGateway, result.Message),
        _ => Results.ValidationProblem(result.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? [], result.Message, title: "The request is not valid."),
    };

    private static IResult NoErrorQueue() =>
        Problem(HttpStatusCode.NotImplemented, "The error queue is a RabbitMQ feature; this worker runs on the in-memory transport.");

    private static IResult Problem(HttpStatusCode status, string? detail) =>
        Results.Problem(detail: detail, statusCode: (int)status, title: ReasonPhrase(status));

    private static string ReasonPhrase(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.BadRequest => "Bad request",
        HttpStatusCode.BadGateway => "Upstream failure",
        _ => status.ToString(),
    };
}
