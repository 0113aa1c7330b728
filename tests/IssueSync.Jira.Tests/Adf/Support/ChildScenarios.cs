using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf.Support;

/// <summary>Inputs that once overflowed the stack; each returns one line describing what happened.</summary>
internal static class ChildScenarios
{
    public static readonly IReadOnlyDictionary<string, Func<string>> All = new Dictionary<string, Func<string>>(StringComparer.Ordinal)
    {
        ["markdown-emphasis-14000"] = () => Describe(new MarkdownToAdfConverter().Convert(HostileInputs.EmphasisStack)),
        ["adf-nested-100000"] = () => AdfValidator.Validate(HostileInputs.NestedAdf(100_000)).ToString().Split(Environment.NewLine)[0],
        ["adf-text-nested-100000"] = () => AdfValidator.Validate(HostileInputs.NestedAdfText(100_000)).ToString().Split(Environment.NewLine)[0],
        ["measure-nested-100000"] = () => AdfLength.Measure(HostileInputs.NestedAdf(100_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Describe(AdfConversionResult result)
    {
        if (!result.IsSuccess)
        {
            return $"refused: {result.Error}";
        }

        var texts = result.Document.Content.SelectMany(block => block.Content ?? []).Where(node => node.Type == "text");
        return "converted: " + string.Join("; ", texts.Select(t => $"{t.Text}, marked {string.Join('+', t.Marks.Select(m => m.Type))}"));
    }
}
