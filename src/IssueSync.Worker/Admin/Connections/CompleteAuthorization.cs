using System.Net;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>GET /oauth/callback?code=&amp;state=</c> (no API key: Atlassian redirects the user's browser here). Checks the
/// state (known, unused, unexpired; single use from then on), exchanges the code, reads the consenting account and the
/// sites, and stores the encrypted tokens by <see cref="ConnectionGrant"/>'s rules: a reconnect by another account is
/// held for an operator, and with several sites the connection waits for a choice. Answers with an HTML page that says
/// what happened: 400 for a tampered, replayed or expired state, 502 when Atlassian could not list the sites.
/// </summary>
public sealed class CompleteAuthorization
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/oauth/callback", HandleAsync).AllowAnonymous().RequireRateLimiting(OperatorSurface.PublicRateLimit).AddEndpointFilter(PageHeaders);

    // The page answers a URL that carried an authorization code: never cached, never framed, runs nothing, and does not
    // pass the URL on as a referrer.
    private static ValueTask<object?> PageHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return next(context);
    }

    public static async Task<IResult> HandleAsync(string? code, string? state, string? error, IssueSyncDbContext db, IAtlassianOAuthClient oauth,
        TokenProtector protector, ConnectionViewer viewer, TimeProvider time, ILogger<CompleteAuthorization> logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (target, refusal) = await ClaimStateAsync(db, state, now, cancellationToken);
        if (target is null)
        {
            return Refused(refusal!);
        }

        if (!string.IsNullOrEmpty(error))
        {
            return Refused($"Atlassian reported '{error}': the user did not grant access.");
        }

        if (string.IsNullOrEmpty(code))
        {
            return Refused("The callback carries no authorization code.");
        }

        var exchanged = await oauth.ExchangeCodeAsync(code, cancellationToken);
        if (!exchanged.IsSuccess)
        {
            return Refused($"Atlassian refused the authorization code: {exchanged.Error.Message}");
        }

        var tokens = exchanged.Tokens;
        if (tokens.RefreshToken is null)
        {
            return Refused("Atlassian returned no refresh token: the app must request the offline_access scope.");
        }

        var resources = await oauth.GetAccessibleResourcesAsync(tokens.AccessToken, cancellationToken);
        if (!resources.IsSuccess)
        {
            return Page("Connection failed", Html($"The Jira sites of the account could not be listed: {resources.Error?.Message}"), HttpStatusCode.BadGateway);
        }

        var me = await oauth.GetMeAsync(tokens.AccessToken, cancellationToken);
        if (!me.IsSuccess)
        {
            return Page("Connection failed", Html($"The Atlassian account that consented could not be read: {me.Error.Message}"), HttpStatusCode.BadGateway);
        }

        var usable = ConnectionGrant.Consent(target, tokens, me.Account, resources.Sites, protector, now);
        await db.SaveChangesAsync(cancellationToken);
        if (!usable)
        {
            logger.LogWarning("Connection {ConnectionId} was reconnected by account {AccountId}, not by the account {BoundAccountId} that consented before; held until an operator confirms it",
                target.Name, me.Account.AccountId, target.AtlassianAccountId);
            return Page("Waiting for confirmation",
                Html($"You signed in as {me.Account.Describe()}, but connection {target.Name} was authorized by another Atlassian account. " +
                     "Nothing will be sent to Jira for it until an IssueSync operator confirms this account."), HttpStatusCode.OK);
        }

        logger.LogInformation("Connection {ConnectionId} authorized by account {AccountId}: {Status} with {SiteCount} site(s)", target.Name, me.Account.AccountId,
            target.Status, resources.Sites.Count);
        var view = await viewer.ViewAsync(target, cancellationToken);
        var next = view.Status == nameof(ConnectionStatus.Active)
            ? $"IssueSync will create issues on {view.SiteName ?? view.SiteUrl} as this account."
            : view.StatusReason ?? "";
        return Page("Connected", $"Connection <b>{Html(view.Name)}</b> is {view.Status}. {Html(next)}", HttpStatusCode.OK);
    }

    // The state must be one IssueSync issued, unused, unexpired and not revoked. One conditional update claims it: of
    // two callbacks racing with the same state exactly one changes the row, the other is refused.
    private static async Task<(JiraConnection? Connection, string? Refusal)> ClaimStateAsync(IssueSyncDbContext db, string? state, DateTime now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return (null, "The callback carries no state.");
        }

        var hash = AuthorizeLinks.Hash(state);
        var claimed = await db.OAuthStates
            .Where(s => s.StateHash == hash && s.UsedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), cancellationToken);
        var pending = await db.OAuthStates.AsNoTracking().SingleOrDefaultAsync(s => s.StateHash == hash, cancellationToken);
        return (claimed, pending) switch
        {
            (_, null) => (null, "Unknown state: the link was not issued by IssueSync, was altered, or was revoked by a newer link or a disconnect. Ask for a new one."),
            (1, _) => (await db.Connections.SingleAsync(c => c.Id == pending.ConnectionId, cancellationToken), null),
            (_, { UsedAt: not null }) => (null, "This authorization link was used already. Ask for a new one."),
            _ => (null, "This authorization link has expired. Ask for a new one."),
        };
    }

    private static IResult Refused(string why) => Page("Connection failed", Html(why), HttpStatusCode.BadRequest);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(string title, string bodyHtml, HttpStatusCode status) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>IssueSync – {title}</title></head><body><h1>{title}</h1><p>{bodyHtml}</p></body></html>",
        "text/html", statusCode: (int)status);
}
