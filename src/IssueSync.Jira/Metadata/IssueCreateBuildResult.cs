using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace IssueSync.Jira.Metadata;

/// <summary>The body for <c>POST /rest/api/3/issue</c>, or every problem found with the draft.</summary>
public sealed class IssueCreateBuildResult
{
    internal IssueCreateBuildResult(JsonObject? body, IReadOnlyList<FieldProblem> problems, CreateMetaIssueType? issueType)
    {
        Body = body;
        Problems = problems;
        IssueType = issueType;
    }

    /// <summary>The request body, when there are no problems.</summary>
    public JsonObject? Body { get; }

    /// <summary>Every problem, one or more per field, in plain words.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; }

    /// <summary>The resolved issue type, when it could be resolved.</summary>
    public CreateMetaIssueType? IssueType { get; }

    /// <summary>True when <see cref="Body"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Body))]
    public bool IsValid => Body is not null;
}
