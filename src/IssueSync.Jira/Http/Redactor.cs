namespace IssueSync.Jira.Http;

/// <summary>Removes known secret values from text that came back from a server before it reaches a message.</summary>
internal static class Redactor
{
    public static string Redact(string text, params ReadOnlySpan<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
            }
        }

        return text.Length > 500 ? string.Concat(text.AsSpan(0, 500), "…") : text;
    }
}
