using System.Globalization;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.Benchmarks;

/// <summary>
/// The Jira sites and accounts of every run: <see cref="SiteCount"/> copies of the seed's first site (same projects,
/// fields and screens), each reached by <see cref="ConnectionsPerSite"/> accounts of their own, one connection each.
/// </summary>
public static class BenchSites
{
    public const int SiteCount = 5;
    public const int ConnectionsPerSite = 2;

    public static IReadOnlyList<BenchAccount> Accounts { get; } =
    [
        .. Enumerable.Range(1, SiteCount).SelectMany(site => Enumerable.Range(1, ConnectionsPerSite).Select(n => new BenchAccount(
            string.Create(CultureInfo.InvariantCulture, $"bench-{site}-{n}"),
            string.Create(CultureInfo.InvariantCulture, $"bench-user-{site}-{n}"),
            CloudId(site))))
    ];

    public static IReadOnlyList<string> CloudIds { get; } = [.. Enumerable.Range(1, SiteCount).Select(CloudId)];

    /// <summary>The seed with the bench's sites and accounts in place of the default ones (the OAuth app is kept).</summary>
    public static SimulatorSeed Seed(SimulatorSeed current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var template = current.Sites[0];
        return current with
        {
            Sites = [.. Enumerable.Range(1, SiteCount).Select(site => template with
            {
                CloudId = CloudId(site),
                Name = string.Create(CultureInfo.InvariantCulture, $"bench{site}"),
                Url = string.Create(CultureInfo.InvariantCulture, $"https://bench{site}.atlassian.net"),
            })],
            Users = [.. Accounts.Select(a => new SeedUser
            {
                AccountId = a.AccountId,
                DisplayName = a.AccountId,
                Email = a.AccountId + "@example.com",
                Sites = [a.CloudId],
            })],
            DefaultAccountId = Accounts[0].AccountId,
        };
    }

    private static string CloudId(int site) => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-0000000000{site:D2}");
}

/// <summary>One account and the connection named after it.</summary>
public sealed record BenchAccount(string Connection, string AccountId, string CloudId);
