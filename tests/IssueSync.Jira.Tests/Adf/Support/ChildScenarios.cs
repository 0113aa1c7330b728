using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>Inputs that once overflowed the stack; each returns one line describing what happened.</summary>
internal static class ChildScenarios
{
    public static readonly IReadOnlyDictionary<string, Func<string>> All = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["markdown-emphasis-14000"] = () => Describe(new MarkdownToAdfConverter().Convert(HostileInputs.EmphasisStack)),
        ["adf-nested-100000"] = () => AdfValidator.Validate(HostileInputs.NestedAdf(100_000)).ToString().Split(Environment.NewLine)[0],
    };

    private static string Describe(AdfConversionResult result) =>
        result.IsSuccess ? $"converted: {result.SerializedLength} characters" : $"refused: {result.Error}";
}
