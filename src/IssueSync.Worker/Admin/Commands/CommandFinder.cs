using System.Linq.Expressions;
using System.Text.RegularExpressions;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// Finds the command an operator names: by its id, by its idempotency key, or by a unique prefix of its id (at least
/// <see cref="MinPrefixLength"/> hex digits, like the 8-character ids the CLI's lists show). A name that fits nothing
/// is 404; a prefix that fits several commands is 409 naming them.
/// </summary>
public sealed partial class CommandFinder(IssueSyncDbContext db)
{
    public const int MinPrefixLength = 4;

    private const int CandidatesNamed = 5;

    /// <summary>The command, tracked when <paramref name="tracking"/> (ready for a transition), or the 404/409 answer.</summary>
    public async Task<AdminResult<IssueCommand>> FindAsync(string name, bool tracking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var commands = tracking ? db.Commands : db.Commands.AsNoTracking();
        var isId = Guid.TryParse(name, out var id);
        if (isId && await commands.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } byId)
        {
            return AdminResult<IssueCommand>.Ok(byId);
        }

        // A key may look like an id (producers use GUIDs too): after the id, the key.
        if (await commands.SingleOrDefaultAsync(c => c.IdempotencyKey == name, cancellationToken) is { } byKey)
        {
            return AdminResult<IssueCommand>.Ok(byKey);
        }

        if (isId || IdPrefix(name) is not { } prefix)
        {
            return AdminResult<IssueCommand>.Fail(AdminProblems.NotFound(HexDigits().IsMatch(name)
                ? $"No command '{name}' (an id prefix needs at least {MinPrefixLength} hex digits)."
                : $"No command '{name}'."));
        }

        // A scan: ids are random, so no index helps with a prefix. Operators do this now and then, not in a loop.
        var candidates = await commands.Where(IdStartsWith(prefix))
            .OrderBy(c => c.ReceivedAt).Take(CandidatesNamed + 1).ToListAsync(cancellationToken);
        return candidates.Count switch
        {
            0 => AdminResult<IssueCommand>.Fail(AdminProblems.NotFound($"No command '{name}'.")),
            1 => AdminResult<IssueCommand>.Ok(candidates[0]),
            _ => AdminResult<IssueCommand>.Fail(AdminProblems.Conflict(
                $"The id prefix '{name}' fits {(candidates.Count > CandidatesNamed ? $"more than {CandidatesNamed}" : candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} commands: " +
                string.Join(", ", candidates.Take(CandidatesNamed).Select(c => $"{c.Id} ({c.IdempotencyKey})")) +
                ". Give more of the id, the whole id or the idempotency key.")),
        };
    }

    /// <summary>
    /// Ids that start with <paramref name="canonicalPrefix"/> (from <see cref="IdPrefix"/>), as SQL on every engine: each
    /// stores a GUID its own way (uuid, uniqueidentifier, upper-case text), so the id is compared as lower-case text.
    /// </summary>
    public static Expression<Func<IssueCommand, bool>> IdStartsWith(string canonicalPrefix) =>
        c => EF.Functions.Like(c.Id.ToString().ToLower(), canonicalPrefix + "%");

    /// <summary>
    /// The prefix of an id's canonical form (lower case, dashes at their places) that <paramref name="name"/> stands for,
    /// or null when it is not hex digits (dashes allowed) with at least <see cref="MinPrefixLength"/> digits.
    /// </summary>
    public static string? IdPrefix(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!HexDigits().IsMatch(name))
        {
            return null;
        }

        var digits = name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (digits.Length is < MinPrefixLength or > 32)
        {
            return null;
        }

        // 8-4-4-4-12: put the dashes where Guid.ToString() has them, so "3f2c9a1e5b7d" finds 3f2c9a1e-5b7d-….
        var canonical = new System.Text.StringBuilder(36);
        for (var i = 0; i < digits.Length; i++)
        {
            if (i is 8 or 12 or 16 or 20)
            {
                canonical.Append('-');
            }

            canonical.Append(digits[i]);
        }

        return canonical.ToString();
    }

    [GeneratedRegex("^[0-9A-Fa-f][0-9A-Fa-f-]*$")]
    private static partial Regex HexDigits();
}
