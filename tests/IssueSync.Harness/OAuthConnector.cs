using System.Net;
using System.Web;

namespace IssueSync.Harness;

/// <summary>
/// Connects an Atlassian account the way a person does, through the real OAuth 2.0 (3LO) flow: the admin API
/// creates the connection (or a reconnect link), the "browser" opens the authorize URL on the simulator with a
/// <c>login_hint</c>, follows the 302 to the worker's <c>/oauth/callback</c>, and, when the account reaches several
/// sites, the site is chosen through the admin API.
/// </summary>
public sealed class OAuthConnector(HarnessSettings settings)
{
    private const int Tries = 6;

    /// <summary>Connects (or reconnects) <paramref name="connection"/> as <paramref name="accountId"/> through the worker in <paramref name="worker"/>.</summary>
    /// <param name="worker">The worker whose admin API and callback are used (its redirect URI is its own).</param>
    /// <param name="connection">The connection name.</param>
    /// <param name="accountId">The simulator user who consents (sent as <c>login_hint</c>).</param>
    /// <param name="site">The site to choose when the account reaches several (cloud id or URL); ignored otherwise.</param>
    /// <param name="cancellationToken">Stops the flow.</param>
    /// <returns>How many tries it took (injected faults can break a try: each retry starts from a fresh link).</returns>
    public async Task<int> ConnectAsync(WorkerSlot worker, string connection, string accountId, string? site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        using var admin = new WorkerAdminClient(worker.AdminUrl, settings.AdminApiKey);
        var problems = new List<string>();
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            try
            {
                var link = await admin.CreateConnectionAsync(connection, cancellationToken) ?? await admin.AuthorizeAsync(connection, cancellationToken);
                var callback = await ConsentAsync(link, accountId, cancellationToken);
                await OpenCallbackAsync(callback, cancellationToken);
                var state = await admin.GetConnectionAsync(connection, cancellationToken);
                if (state.Status == "AwaitingSiteChoice")
                {
                    state = await admin.ChooseSiteAsync(connection, site ?? throw new HarnessException(
                        $"Account {accountId} reaches {state.AvailableSiteIds.Count} sites ({string.Join(", ", state.AvailableSiteIds)}): say which to choose."), cancellationToken);
                }

                if (state.Status != "Active")
                {
                    throw new HarnessException($"connection '{connection}' is {state.Status} after the callback: {state.StatusReason}");
                }

                return attempt;
            }
            catch (Exception ex) when (ex is HarnessException or HttpRequestException or TaskCanceledException && attempt < Tries && !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"try {attempt}: {ex.Message}");
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }

        throw new HarnessException($"Could not connect '{connection}' as {accountId} in {Tries} tries:\n  {string.Join("\n  ", problems)}");
    }

    /// <summary>Opens the authorize URL as the user's browser would; the simulator consents and redirects to the callback.</summary>
    private static async Task<Uri> ConsentAsync(Uri authorizeUrl, string accountId, CancellationToken cancellationToken)
    {
        var builder = new UriBuilder(authorizeUrl);
        var query = HttpUtility.ParseQueryString(builder.Query);
        query["login_hint"] = accountId;
        builder.Query = query.ToString();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await browser.GetAsync(builder.Uri, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            throw new HarnessException($"GET /authorize answered {(int)response.StatusCode} instead of a redirect: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var redirect = HttpUtility.ParseQueryString(location.Query);
        if (redirect["error"] is { } error)
        {
            throw new HarnessException($"the consent was refused: {error} {redirect["error_description"]}");
        }

        return location;
    }

    private static async Task OpenCallbackAsync(Uri callback, CancellationToken cancellationToken)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        using var response = await browser.GetAsync(callback, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HarnessException($"GET {callback.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
