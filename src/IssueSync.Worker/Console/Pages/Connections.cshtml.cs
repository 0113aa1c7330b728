using IssueSync.Admin.Contracts;
using IssueSync.Worker.Admin.Connections;
using IssueSync.Worker.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace IssueSync.Worker.Console.Pages;

/// <summary>
/// Connections (as <c>issuesync connections</c>): status, site, account, last refresh, parked commands; an admin key
/// creates one, issues an authorize link, chooses a site, confirms or refuses an account that reconnected it, disconnects.
/// </summary>
public sealed class ConnectionsModel(ConsoleActions actions, IssueSyncDbContext db, ConnectionViewer viewer, AuthorizeLinks links, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<ConnectionView> Connections { get; private set; } = [];

    public bool MayAct { get; private set; }

    public async Task OnGetAsync()
    {
        MayAct = await actions.MayAsync(CreateConnection.Policy);
        Connections = SliceAnswer.Of(await ListConnections.HandleAsync(viewer, Aborted)).ValueAs<IReadOnlyList<ConnectionView>>() ?? [];
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, [FromServices] ILogger<CreateConnection> logger)
    {
        var answer = await actions.RunAsync(CreateConnection.Policy, nameof(CreateConnection), name,
            audit => CreateConnection.HandleAsync(new NewConnectionRequest(name), db, links, viewer, time, audit, logger, Aborted));
        if (answer.ValueAs<CreatedConnectionView>() is { } created)
        {
            TempData["Link"] = created.AuthorizeUrl.ToString();
        }

        return Report(answer, $"Connection {name} created. The Atlassian user opens the authorize link below to consent; it works once, until it expires.");
    }

    public async Task<IActionResult> OnPostAuthorizeAsync(string name)
    {
        var answer = await actions.RunAsync(AuthorizeConnection.Policy, nameof(AuthorizeConnection), name,
            _ => AuthorizeConnection.HandleAsync(name, db, links, time, Aborted));
        if (answer.ValueAs<AuthorizeLink>() is { } link)
        {
            TempData["Link"] = link.AuthorizeUrl.ToString();
        }

        return Report(answer, $"A new authorize link for {name}: the Atlassian user opens it to reconnect; it works once, until it expires.");
    }

    public async Task<IActionResult> OnPostSiteAsync(string name, string? site) =>
        Report(await actions.RunAsync(ChooseSite.Policy, nameof(ChooseSite), name,
            _ => ChooseSite.HandleAsync(name, new ChooseSiteRequest(site), db, viewer, time, Aborted)), $"Connection {name} now uses site {site}.");

    public async Task<IActionResult> OnPostConfirmAccountAsync(string name, string? accountId, [FromServices] ILogger<ConfirmAccount> logger) =>
        Report(await actions.RunAsync(ConfirmAccount.Policy, nameof(ConfirmAccount), name,
            _ => ConfirmAccount.HandleAsync(name, new ConfirmAccountRequest(accountId), db, viewer, time, logger, Aborted)),
            $"Connection {name} is now bound to account {accountId}; its parked commands resume once it is active.");

    public async Task<IActionResult> OnPostRefuseAccountAsync(string name, [FromServices] ILogger<RefuseAccount> logger) =>
        Report(await actions.RunAsync(RefuseAccount.Policy, nameof(RefuseAccount), name,
            _ => RefuseAccount.HandleAsync(name, db, links, viewer, time, logger, Aborted)),
            $"The reconnect of {name} was refused and its tokens erased; send a new authorize link to the account it is bound to.");

    public async Task<IActionResult> OnPostDisconnectAsync(string name, [FromServices] ILogger<DisconnectConnection> logger) =>
        Report(await actions.RunAsync(DisconnectConnection.Policy, nameof(DisconnectConnection), name,
            _ => DisconnectConnection.HandleAsync(name, db, links, time, logger, Aborted)), $"Connection {name} disconnected; its tokens were erased.");
}
