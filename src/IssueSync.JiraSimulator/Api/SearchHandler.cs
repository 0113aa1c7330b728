using System.Globalization;
using System.Text;
using System.Text.Json;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Jql;
using IssueSync.JiraSimulator.Seed;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// <c>POST|GET /rest/api/3/search/jql</c> and <c>POST /search/approximate-count</c> (docs/atlassian-api.md §7): bounded JQL
/// only, cursor pagination with <c>nextPageToken</c>, default fields = id only, and eventual consistency — an issue is
/// found only once <c>SearchIndexDelay</c> has passed since its creation (unless listed in <c>reconcileIssues</c>).
/// The removed <c>/rest/api/3/search</c> answers 410.
/// </summary>
internal static class SearchHandler
{
    public const string Unbounded = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";

    public static SimResponse Removed() =>
        SimResponse.Errors(410, ["The requested API has been removed. Please use the newer, enhanced search-based API instead. See https://developer.atlassian.com/changelog/#CHANGE-2046 for more details."]);

    public static SimResponse Search(RequestContext ctx, SearchRequest request)
    {
        if (!TryMatch(ctx, request.Jql, request.ReconcileIssues, out var matches, out var error))
        {
            return error;
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(request.NextPageToken) && !TryDecodeToken(request.NextPageToken, out offset))
        {
            return SimResponse.Errors(400, ["The provided next page token is invalid or expired."]);
        }

        var fields = request.Fields ?? [];
        var idOrKeyOnly = fields.All(f => f is "id" or "key");
        var limit = idOrKeyOnly ? 5000 : 100;
        var pageSize = Math.Clamp(request.MaxResults ?? 50, 0, limit);
        var page = matches.Skip(offset).Take(pageSize).ToList();
        var isLast = offset + page.Count >= matches.Count;
        var issues = page.Select(i => Shape(ctx, i, fields, request.Properties ?? [])).ToList();
        var body = new Dictionary<string, object?> { ["issues"] = issues, ["isLast"] = isLast };
        if (!isLast)
        {
            body["nextPageToken"] = EncodeToken(offset + page.Count);
        }

        return SimResponse.Ok(body, page.Count);
    }

    public static SimResponse Count(RequestContext ctx, SearchRequest request) =>
        TryMatch(ctx, request.Jql, [], out var matches, out var error) ? SimResponse.Ok(new { count = matches.Count }) : error;

    private static bool TryMatch(RequestContext ctx, string? jql, IReadOnlyList<long> reconcile, out List<SimulatedIssue> matches, out SimResponse error)
    {
        matches = [];
        error = null!;
        JqlQuery query;
        try
        {
            query = JqlParser.Parse(jql);
        }
        catch (JqlException e)
        {
            error = SimResponse.Errors(400, [e.Message]);
            return false;
        }

        if (!query.IsBounded)
        {
            error = SimResponse.Errors(400, [Unbounded]);
            return false;
        }

        var visible = new VisibleProjects(ctx.RequiredSite.BrowsableBy(ctx.User));
        try
        {
            Validate(visible, query.Where!);
        }
        catch (JqlException e)
        {
            error = SimResponse.Errors(400, [e.Message]);
            return false;
        }

        var now = ctx.Now;
        var reconciled = reconcile.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var candidates = ctx.State.Issues.All()
            .Where(i => string.Equals(i.CloudId, ctx.RequiredSite.CloudId, StringComparison.OrdinalIgnoreCase))
            .Where(i => visible.ByKey.ContainsKey(i.ProjectKey))
            .Where(i => i.IndexedAt <= now || reconciled.Contains(i.Id))
            .Where(i => Evaluate(visible, query.Where!, i));
        matches = Sort(candidates, query.OrderBy).ToList();
        return true;
    }

    private static IEnumerable<SimulatedIssue> Sort(IEnumerable<SimulatedIssue> issues, IReadOnlyList<JqlSort> sorts)
    {
        if (sorts.Count == 0)
        {
            return issues.OrderBy(i => long.Parse(i.Id, CultureInfo.InvariantCulture));
        }

        IOrderedEnumerable<SimulatedIssue>? ordered = null;
        foreach (var sort in sorts)
        {
            Func<SimulatedIssue, IComparable> key = sort.Field switch
            {
                "key" => i => (i.ProjectKey, i.Number),
                "summary" => i => i.Summary,
                "created" => i => i.CreatedAt,
                _ => i => long.Parse(i.Id, CultureInfo.InvariantCulture),
            };
            ordered = ordered is null
                ? (sort.Descending ? issues.OrderByDescending(key) : issues.OrderBy(key))
                : (sort.Descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key));
        }

        return ordered!;
    }

    private static void Validate(VisibleProjects visible, JqlExpression expression)
    {
        if (expression.Kind != JqlNodeKind.Clause)
        {
            Validate(visible, expression.Left!);
            if (expression.Right is not null)
            {
                Validate(visible, expression.Right);
            }

            return;
        }

        if (expression.Field == "project")
        {
            foreach (var value in expression.Values.Where(v => visible.Find(v) is null))
            {
                throw new JqlException($"The value '{value}' does not exist for the field 'project'.");
            }
        }
    }

    private static bool Evaluate(VisibleProjects visible, JqlExpression e, SimulatedIssue issue) => e.Kind switch
    {
        JqlNodeKind.And => Evaluate(visible, e.Left!, issue) && Evaluate(visible, e.Right!, issue),
        JqlNodeKind.Or => Evaluate(visible, e.Left!, issue) || Evaluate(visible, e.Right!, issue),
        JqlNodeKind.Not => !Evaluate(visible, e.Left!, issue),
        _ => Clause(visible, e, issue),
    };

    private static bool Clause(VisibleProjects visible, JqlExpression e, SimulatedIssue issue)
    {
        bool Any(Func<string, bool> match) => e.Values.Any(match);
        var positive = e.Operator is "=" or "in" or "~";
        bool result;
        switch (e.Field)
        {
            case "project":
                result = Any(v => string.Equals(visible.Find(v)?.Key, issue.ProjectKey, StringComparison.OrdinalIgnoreCase));
                break;
            case "labels":
                if (!positive && issue.Labels.Count == 0)
                {
                    return false;
                }

                result = Any(v => issue.Labels.Contains(v, StringComparer.OrdinalIgnoreCase));
                break;
            case "key":
                result = Any(v => string.Equals(v, issue.Key, StringComparison.OrdinalIgnoreCase) || v == issue.Id);
                break;
            case "issuetype":
                var type = visible.ByKey[issue.ProjectKey].IssueTypes.FirstOrDefault(t => t.Id == issue.IssueTypeId);
                result = Any(v => v == issue.IssueTypeId || string.Equals(v, type?.Name, StringComparison.OrdinalIgnoreCase));
                break;
            default:
                result = Any(v => TextMatches(issue.Summary, v));
                break;
        }

        return positive ? result : !result;
    }

    /// <summary>Approximates Jira's text search: every word of the query occurs in the text, case-insensitively.</summary>
    private static bool TextMatches(string text, string query)
    {
        var words = query.Split([' ', '\t', '\n', '*', '?', '"'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, object?> Shape(RequestContext ctx, SimulatedIssue issue, IReadOnlyList<string> fields, IReadOnlyList<string> properties)
    {
        var shape = new Dictionary<string, object?> { ["id"] = issue.Id };
        if (fields.Count > 0)
        {
            shape["key"] = issue.Key;
            shape["self"] = $"{ctx.ApiBase}/issue/{issue.Id}";
            shape["fields"] = SelectFields(issue, fields);
        }

        if (properties.Count > 0)
        {
            shape["properties"] = properties
                .Where(issue.Properties.ContainsKey)
                .ToDictionary(p => p, p => (object?)issue.Properties[p], StringComparer.Ordinal);
        }

        return shape;
    }

    public static Dictionary<string, object?> SelectFields(SimulatedIssue issue, IReadOnlyList<string> fields)
    {
        var all = fields.Any(f => f is "*all" or "*navigable");
        var excluded = fields.Where(f => f.StartsWith('-')).Select(f => f[1..]).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in issue.Fields.EnumerateObject())
        {
            if ((all || fields.Contains(property.Name, StringComparer.Ordinal)) && !excluded.Contains(property.Name))
            {
                result[property.Name] = property.Value;
            }
        }

        return result;
    }

    private static string EncodeToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Reads the POST body or the GET query of <c>/search/jql</c>.</summary>
    public static SearchRequest? Read(HttpRequest request, JsonElement body)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var q = request.Query;
            return new SearchRequest
            {
                Jql = q["jql"],
                NextPageToken = q["nextPageToken"],
                MaxResults = int.TryParse(q["maxResults"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : null,
                Fields = q["fields"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                Properties = q["properties"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            };
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return body.Deserialize<SearchRequest>(SimResponse.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The projects the searching user can browse: JQL sees only these (others "do not exist").</summary>
    private sealed class VisibleProjects(IReadOnlyList<SeedProject> projects)
    {
        public Dictionary<string, SeedProject> ByKey { get; } = projects.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);

        /// <summary>A project by key, id or name, as JQL's <c>project = …</c> accepts.</summary>
        public SeedProject? Find(string value) =>
            ByKey.GetValueOrDefault(value)
            ?? projects.FirstOrDefault(p => p.Id == value || string.Equals(p.Name, value, StringComparison.OrdinalIgnoreCase));
    }
}
