using System.Net;
using IssueSync.Admin.Contracts;
using IssueSync.Jira.OAuth;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Connections;

/// <summary>
/// <c>GET /oauth/callback?code=&amp;state=</c> (no API key: Atlassian redirects the user's browser here). Checks the
/// state (known, unused, unexpired; single use from then on), exchanges the code, stores the encrypted tokens and
/// discovers the sites; with several sites the connection waits for a choice. Answers with an HTML page that says
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

        target.ProtectedAccessToken = protector.Protect(tokens.AccessToken);
        target.ProtectedRefreshToken = protector.Protect(tokens.RefreshToken);
        target.AccessTokenExpiresAt = tokens.ExpiresAt.UtcDateTime;
        target.LastRefreshedAt = now;
        target.Scopes = tokens.Scope;
        ConnectionSites.Write(target, resources.Sites!);
        target.UpdatedAt = now;
        UseSite(target, resources.Sites!.Select(ConnectionViewer.Site).ToList());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Connection {ConnectionId} authorized: {Status} with {SiteCount} site(s)", target.Name, target.Status, resources.Sites!.Count);

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

    // The connection keeps its site if the account still reaches it. A new connection takes a single site; several
    // wait for a choice. A connection that had a site the account no longer reaches is never moved by itself, even to
    // a single site: its producers' issues would go to another Jira, so an operator chooses.
    private static void UseSite(JiraConnection connection, List<SiteView> sites)
    {
        var previous = connection.CloudId;
        var kept = previous is not null ? sites.FirstOrDefault(s => s.Id == previous) : null;
        if ((kept ?? (previous is null && sites.Count == 1 ? sites[0] : null)) is { } site)
        {
            ChooseSite.Apply(connection, site);
            return;
        }

        connection.Status = sites.Count == 0 ? ConnectionStatus.AwaitingAuthorization : ConnectionStatus.AwaitingSiteChoice;
        connection.StatusReason = sites.Count == 0
            ? "The account can reach no Jira site."
            : previous is not null
                ? $"The account no longer reaches the site this connection used ({connection.SiteUrl ?? previous}); nothing resumes until an operator chooses a site with PUT /admin/connections/{connection.Name}/site."
                : $"The account can reach {sites.Count} Jira sites; choose one with PUT /admin/connections/{connection.Name}/site.";
        connection.CloudId = null;
    }

    private static IResult Refused(string why) => Page("Connection failed", Html(why), HttpStatusCode.BadRequest);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(string title, string bodyHtml, HttpStatusCode status) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>IssueSync – {title}</title></head><body><h1>{title}</h1><p>{bodyHtml}</p></body></html>",
        "text/html", statusCode: (int)status);
}
