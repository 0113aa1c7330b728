using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IssueSync.JiraSimulator.Adf;

/// <summary>
/// Checks an ADF document as Jira does (docs/atlassian-api.md §6): against Atlassian's official ADF JSON schema, then the
/// few rules Jira applies beyond it (<see cref="JiraAdfRules"/>). Invalid → Jira's <c>INVALID_INPUT</c>.
/// </summary>
/// <remarks>
/// Verdicts are remembered by the SHA-256 of the document's JSON text (at most <see cref="RememberedVerdicts"/>, then
/// forgotten all at once): a benchmark sends the same description thousands of times, and a schema evaluation costs
/// about a millisecond per kilobyte.
/// </remarks>
internal static class AdfValidator
{
    public const int RememberedVerdicts = 4096;

    private static readonly ConcurrentDictionary<string, bool> Verdicts = new(StringComparer.Ordinal);

    public static bool IsValid(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.GetRawText())));
        if (Verdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var verdict = AdfSchema.Accepts(document) && JiraAdfRules.Accept(document);
        if (Verdicts.Count >= RememberedVerdicts)
        {
            Verdicts.Clear();
        }

        Verdicts[key] = verdict;
        return verdict;
    }
}
