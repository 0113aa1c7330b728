namespace IssueSync.JiraSimulator.Jql;

internal sealed record JqlSort(string Field, bool Descending);
