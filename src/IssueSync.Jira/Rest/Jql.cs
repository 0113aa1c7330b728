using System.Text;

namespace IssueSync.Jira.Rest;

/// <summary>Builds JQL from user data safely.</summary>
public static class Jql
{
    /// <summary>
    /// Quotes <paramref name="value"/> as a JQL string literal: backslash and double quote are escaped, newlines and tabs
    /// become <c>\n</c>, <c>\r</c>, <c>\t</c>; any other control character is rejected.
    /// </summary>
    /// <exception cref="ArgumentException">The value contains a control character JQL cannot carry.</exception>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        throw new ArgumentException($"The JQL value contains the control character U+{(int)c:X4}, which cannot be searched for.", nameof(value));
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The bounded query <c>project = "KEY" AND labels = "label"</c>.</summary>
    public static string ProjectAndLabel(string projectKey, string label) => $"project = {Quote(projectKey)} AND labels = {Quote(label)}";
}
