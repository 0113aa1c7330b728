using System.ComponentModel;
using System.Globalization;
using IssueSync.Admin.Contracts;
using IssueSync.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands.Connections;

/// <summary>A command about one connection.</summary>
public class ConnectionNameSettings : ApiSettings
{
    /// <summary>The connection's name.</summary>
    [CommandArgument(0, "<name>")]
    [Description("The connection's name.")]
    public string Name { get; init; } = "";
}

/// <summary><c>connections choose-site NAME SITE</c>.</summary>
public sealed class ChooseSiteSettings : ConnectionNameSettings
{
    /// <summary>A cloud id or a site URL.</summary>
    [CommandArgument(1, "<site>")]
    [Description("The site: a cloud id or a site URL (https://acme.atlassian.net), one the connection can reach.")]
    public string Site { get; init; } = "";
}

/// <summary><c>connections confirm-account NAME ACCOUNT_ID</c>.</summary>
public sealed class ConfirmAccountSettings : ConnectionNameSettings
{
    /// <summary>The held account's id, as <c>connections show</c> prints it.</summary>
    [CommandArgument(1, "<account-id>")]
    [Description("The account id of the account that reconnected the connection (shown by 'connections show' as the held account).")]
    public string AccountId { get; init; } = "";
}

/// <summary><c>connections disconnect NAME [--yes]</c>.</summary>
public sealed class DisconnectSettings : ConnectionNameSettings
{
    /// <summary>Do not ask.</summary>
    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation (needed when input is not a terminal).")]
    public bool Yes { get; init; }
}

/// <summary><c>issuesync connections list</c>.</summary>
public sealed class ConnectionsListCommand(CliServices services) : ApiCommand<ApiSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ApiSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ListConnectionsAsync(cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        if (response.Value.Count == 0)
        {
            Console.MarkupLine("No connections.");
            WriteHint("Create one:", "issuesync connections create <name>");
            return ExitCodes.Success;
        }

        var table = Show.Table("NAME", "STATUS", "SITE", "TOKEN EXPIRES", "PENDING", "PARKED", "FAILED");
        foreach (var connection in response.Value.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var counts = connection.Commands;
            table.AddRow(
                Show.Text(connection.Name),
                Show.State(connection.Status),
                Show.Text(connection.SiteName ?? connection.SiteUrl ?? connection.CloudId),
                TokenExpiry(connection.AccessTokenExpiresAt),
                Number(counts.Pending),
                Number(counts.Parked),
                counts.Failed > 0 ? $"[red]{Number(counts.Failed)}[/]" : Number(counts.Failed));
        }

        Console.Write(table);
        return ExitCodes.Success;
    }

    private string TokenExpiry(DateTime? expiresAt) => Show.Utc(expiresAt) switch
    {
        null => "[grey]-[/]",
        { } at when at <= Now => $"[yellow]expired {Show.Duration(Now - at)} ago[/]",
        { } at => $"in {Show.Duration(at - Now)}",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>issuesync connections show NAME</c>.</summary>
public sealed class ConnectionsShowCommand(CliServices services) : ApiCommand<ConnectionNameSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ConnectionNameSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.GetConnectionAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var connection = response.Value;
        var fields = Show.Fields();
        Show.Field(fields, "Name", Show.Text(connection.Name));
        Show.Field(fields, "Id", Show.Text(connection.Id.ToString()));
        Show.Field(fields, "Status", Show.State(connection.Status) + (string.IsNullOrWhiteSpace(connection.StatusReason) ? "" : $" [grey]({Markup.Escape(connection.StatusReason)})[/]"));
        Show.Field(fields, "Site", connection.CloudId is null
            ? "[grey]none chosen[/]"
            : $"{Show.Text(connection.SiteName)} {Show.Text(connection.SiteUrl)} [grey](cloud id {Markup.Escape(connection.CloudId)})[/]");
        Show.Field(fields, "Account", connection.AtlassianAccountId is null
            ? "[grey]none yet[/]"
            : $"{Show.Text(connection.AtlassianAccount)} [grey]({Markup.Escape(connection.AtlassianAccountId)})[/]");
        if (connection.PendingAccountId is not null)
        {
            Show.Field(fields, "Held account", $"[yellow]{Show.Text(connection.PendingAccount)}[/] [grey]({Markup.Escape(connection.PendingAccountId)})[/]");
        }

        Show.Field(fields, "Token expires", Show.Timestamp(connection.AccessTokenExpiresAt, Now));
        Show.Field(fields, "Last refreshed", Show.Timestamp(connection.LastRefreshedAt, Now));
        if (Show.Utc(connection.ThrottledUntil) is { } throttled && throttled > Now)
        {
            Show.Field(fields, "Throttled until", Show.Timestamp(throttled, Now));
        }

        Show.Field(fields, "Created", Show.Timestamp(connection.CreatedAt, Now));
        Show.Field(fields, "Updated", Show.Timestamp(connection.UpdatedAt, Now));
        var c = connection.Commands;
        Show.Field(fields, "Commands", string.Create(CultureInfo.InvariantCulture,
            $"pending {c.Pending}, in progress {c.InProgress}, uncertain {c.Uncertain}, parked {c.Parked}, failed {c.Failed}, created {c.Created}, discarded {c.Discarded}"));

        Console.Write(new Panel(fields).Header($"connection/{Markup.Escape(connection.Name)}"));

        var sites = connection.AvailableSites;
        if (sites.Count > 0)
        {
            Console.MarkupLine("[bold]Available sites[/]");
            var table = Show.Table("", "ID", "NAME", "URL");
            foreach (var site in sites)
            {
                table.AddRow(site.Id == connection.CloudId ? "[green]*[/]" : " ", Show.Text(site.Id), Show.Text(site.Name), Show.Text(site.Url));
            }

            Console.Write(table);
        }

        switch (connection.Status)
        {
            case "AwaitingSiteChoice":
                WriteHint("Choose a site:", $"issuesync connections choose-site {Show.Arg(connection.Name)} <site id or URL>");
                break;
            case "AwaitingAccountConfirmation":
                WriteHint("Another Atlassian account reconnected it. Bind the connection to that account:",
                    $"issuesync connections confirm-account {Show.Arg(connection.Name)} {Show.Arg(connection.PendingAccountId ?? "<account id>")}");
                WriteHint("or refuse it (its tokens are erased):", $"issuesync connections refuse-account {Show.Arg(connection.Name)}");
                break;
            case "AwaitingAuthorization" or "ReauthorizationRequired" or "Disconnected":
                WriteHint("Get a link for the user to consent:", $"issuesync connections authorize {Show.Arg(connection.Name)}");
                break;
        }

        if (connection.Commands.Failed > 0)
        {
            WriteHint("Failed commands:", $"issuesync failures --connection {Show.Arg(connection.Name)}");
        }

        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections create NAME</c>: prints the URL the user opens to consent.</summary>
public sealed class ConnectionsCreateCommand(CliServices services) : ApiCommand<ConnectionNameSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ConnectionNameSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.CreateConnectionAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var created = response.Value;
        Console.MarkupLine($"connection/{Markup.Escape(created.Name)} created ({Show.State(created.Status)})");
        Console.MarkupLine($"Open this URL in a browser and consent as the Atlassian user to act as (single use, expires {Markup.Escape(Show.Relative(created.AuthorizeExpiresAt, Now))}):");
        WritePlain(created.AuthorizeUrl.OriginalString);
        WriteHint("Then check:", $"issuesync connections show {Show.Arg(created.Name)}");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections authorize NAME</c>: a new consent URL (reconnect).</summary>
public sealed class ConnectionsAuthorizeCommand(CliServices services) : ApiCommand<ConnectionNameSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ConnectionNameSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.AuthorizeConnectionAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"To reconnect connection/{Markup.Escape(settings.Name)}, open this URL in a browser (single use, expires {Markup.Escape(Show.Relative(response.Value.ExpiresAt, Now))}):");
        WritePlain(response.Value.AuthorizeUrl.OriginalString);
        Console.MarkupLine("[grey]Its parked commands resume by themselves once the connection is active again.[/]");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections choose-site NAME SITE</c>.</summary>
public sealed class ConnectionsChooseSiteCommand(CliServices services) : ApiCommand<ChooseSiteSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ChooseSiteSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ChooseSiteAsync(settings.Name, settings.Site, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var connection = response.Value;
        Console.MarkupLine(
            $"connection/{Markup.Escape(connection.Name)} uses site {Show.Text(connection.SiteName)} {Show.Text(connection.SiteUrl)} (status {Show.State(connection.Status)})");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections confirm-account NAME ACCOUNT_ID</c>: binds the connection to the account that reconnected it.</summary>
public sealed class ConnectionsConfirmAccountCommand(CliServices services) : ApiCommand<ConfirmAccountSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ConfirmAccountSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.ConfirmAccountAsync(settings.Name, settings.AccountId, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        var connection = response.Value;
        Console.MarkupLine($"connection/{Markup.Escape(connection.Name)} is bound to {Show.Text(connection.AtlassianAccount)} ({Markup.Escape(connection.AtlassianAccountId ?? "")}); status {Show.State(connection.Status)}");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections refuse-account NAME</c>: erases the tokens of the account that reconnected it.</summary>
public sealed class ConnectionsRefuseAccountCommand(CliServices services) : ApiCommand<ConnectionNameSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, ConnectionNameSettings settings, CancellationToken cancellationToken)
    {
        var response = await api.RefuseAccountAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            WriteJson(response.Json);
            return ExitCodes.Success;
        }

        Console.MarkupLine($"connection/{Markup.Escape(settings.Name)}: the reconnect was refused and its tokens erased (status {Show.State(response.Value.Status)})");
        WriteHint("Send a new link to the account it is bound to:", $"issuesync connections authorize {Show.Arg(settings.Name)}");
        return ExitCodes.Success;
    }
}

/// <summary><c>issuesync connections disconnect NAME [--yes]</c>.</summary>
public sealed class ConnectionsDisconnectCommand(CliServices services) : ApiCommand<DisconnectSettings>(services)
{
    protected override async Task<int> ExecuteAsync(AdminApiClient api, DisconnectSettings settings, CancellationToken cancellationToken)
    {
        if (await ConfirmAsync($"Disconnect '{settings.Name}'? Its tokens are erased and the user must consent again.", settings.Yes, cancellationToken) is { } declined)
        {
            return declined;
        }

        await api.DisconnectAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            WriteJson(new { name = settings.Name, status = "Disconnected" });
            return ExitCodes.Success;
        }

        Console.MarkupLine($"connection/{Markup.Escape(settings.Name)} disconnected");
        return ExitCodes.Success;
    }
}
