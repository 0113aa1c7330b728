using System.Globalization;
using System.Text.Json;

namespace IssueSync.JiraSimulator.Issues;

/// <summary>Every issue created, in creation order. Ids are per site (10000, 10001, …); keys per project (OPS-1, OPS-2, …).</summary>
public sealed class IssueStore
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedIssue> _issues = [];
    private readonly Dictionary<string, long> _nextId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _nextNumber = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Allocates the id and key and stores the issue built by <paramref name="build"/>.</summary>
    internal SimulatedIssue Create(string cloudId, string projectKey, Func<string, string, int, SimulatedIssue> build)
    {
        lock (_gate)
        {
            var id = _nextId.GetValueOrDefault(cloudId, 10000);
            _nextId[cloudId] = id + 1;
            var counterKey = cloudId + "/" + projectKey;
            var number = _nextNumber.GetValueOrDefault(counterKey, 0) + 1;
            _nextNumber[counterKey] = number;
            var issue = build(id.ToString(CultureInfo.InvariantCulture), projectKey + "-" + number.ToString(CultureInfo.InvariantCulture), number);
            _issues.Add(issue);
            return issue;
        }
    }

    public IReadOnlyList<SimulatedIssue> All()
    {
        lock (_gate)
        {
            return [.. _issues];
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _issues.Count;
            }
        }
    }

    public SimulatedIssue? Find(string cloudId, string idOrKey)
    {
        lock (_gate)
        {
            return _issues.Find(i => string.Equals(i.CloudId, cloudId, StringComparison.OrdinalIgnoreCase)
                && (i.Id == idOrKey || string.Equals(i.Key, idOrKey, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>Sets an entity property of a stored issue; true when the property is new.</summary>
    internal bool SetProperty(SimulatedIssue issue, string key, JsonElement value)
    {
        lock (_gate)
        {
            var index = _issues.FindIndex(i => i.Id == issue.Id && string.Equals(i.CloudId, issue.CloudId, StringComparison.OrdinalIgnoreCase));
            var current = _issues[index];
            var properties = new Dictionary<string, JsonElement>(current.Properties, StringComparer.Ordinal);
            var created = !properties.ContainsKey(key);
            properties[key] = value;
            _issues[index] = current with { Properties = properties };
            return created;
        }
    }

    internal void Reset()
    {
        lock (_gate)
        {
            _issues.Clear();
            _nextId.Clear();
            _nextNumber.Clear();
        }
    }
}
