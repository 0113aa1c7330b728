namespace IssueSync.Jira.Adf;

/// <summary>The outcome of validating an ADF document.</summary>
public sealed class AdfValidationResult
{
    internal AdfValidationResult(IReadOnlyList<AdfValidationError> errors) => Errors = errors;

    /// <summary>Every rule broken, in document order.</summary>
    public IReadOnlyList<AdfValidationError> Errors { get; }

    /// <summary>True when no rule is broken.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The errors, one per line.</summary>
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
}
