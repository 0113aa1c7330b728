namespace IssueSync.Jira.Adf;

/// <summary>
/// Stops a conversion from deep inside (a Markdig event, the renderer) with a readable reason. Never escapes
/// <see cref="MarkdownToAdfConverter.Convert"/>, which turns it into an <see cref="AdfConversionResult"/>.
/// </summary>
internal sealed class AdfConversionRefusedException(AdfConversionFailure failure, string message) : Exception(message)
{
    public AdfConversionFailure Failure { get; } = failure;
}
