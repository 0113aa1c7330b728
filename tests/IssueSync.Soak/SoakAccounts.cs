using IssueSync.JiraSimulator.Seed;

namespace IssueSync.Soak;

/// <summary>A Jira site of the simulator's default seed.</summary>
public sealed record SoakSite(string CloudId, string Url)
{
    public static readonly SoakSite Acme = new("8a4c2f10-3b5e-4d7a-9f61-0c2d3e4f5a61", "https://acme.atlassian.net");
    public static readonly SoakSite AcmeLabs = new("c71e9d32-5a4b-4c8e-8b27-6f1a2b3c4d52", "https://acme-labs.atlassian.net");
}

/// <summary>
/// One connected Atlassian account. <see cref="ChosenSite"/> is the connection's site; commands name
/// <see cref="OtherSite"/> explicitly when the account reaches a second one.
/// </summary>
public sealed record SoakAccount(string Connection, string AccountId, string DisplayName, SoakSite ChosenSite, SoakSite? OtherSite, bool AddToSimulator)
{
    /// <summary>
    /// The accounts of every run: the seed's demo user with two sites (so the site must be chosen), one user per
    /// site added through the simulator's admin API, and one more whose grant is revoked in the middle of the run.
    /// </summary>
    public static IReadOnlyList<SoakAccount> All { get; } =
    [
        new("soak-acme", "5b10ac8d82e05b22cc7d4ef5", "Demo User", SoakSite.Acme, SoakSite.AcmeLabs, AddToSimulator: false),
        new("soak-north", "soak-user-north", "Soak North", SoakSite.Acme, null, AddToSimulator: true),
        new("soak-labs", "soak-user-labs", "Soak Labs", SoakSite.AcmeLabs, null, AddToSimulator: true),
        new("soak-revoked", "soak-user-revoked", "Soak Revoked", SoakSite.Acme, null, AddToSimulator: true),
    ];

    /// <summary>The account whose grant the run revokes and then reconnects.</summary>
    public static SoakAccount Revoked => All[^1];

    public IReadOnlyList<SoakSite> Sites => OtherSite is null ? [ChosenSite] : [ChosenSite, OtherSite];

    public SeedUser ToSeedUser() => new()
    {
        AccountId = AccountId,
        DisplayName = DisplayName,
        Email = $"{AccountId}@example.com",
        Sites = [.. Sites.Select(s => s.CloudId)],
    };
}
