using System.Text.Json;
using IssueSync.Admin.Contracts;
using IssueSync.Contracts;
using IssueSync.Producer;
using IssueSync.Worker.Admin.Access;
using IssueSync.Worker.Ledger;

namespace IssueSync.Worker.Admin.Commands;

/// <summary>
/// <c>POST /admin/commands</c> with a <c>CreateIssue</c> or an array of them: sends them to the input queue through the
/// producer library, exactly as a producer does. Every command is checked first with the producer's rules; when any
/// fails them, nothing is sent and the answer names each mistake (<c>[index].field</c> for an array).
/// </summary>
public sealed class PublishCommands
{
    /// <summary>Who may call it.</summary>
    public const string Policy = AdminPolicies.Operator;

    public static void Map(IEndpointRouteBuilder commands) => commands.MapPost("", HandleAsync).RequireAuthorization(Policy);

    public static async Task<IResult> HandleAsync(JsonElement body, IIssueSyncProducer producer, CancellationToken cancellationToken)
    {
        List<CreateIssue?>? batch;
        try
        {
            batch = body.ValueKind == JsonValueKind.Array
                ? body.Deserialize<List<CreateIssue?>>(CommandLedger.CommandJson)
                : [body.Deserialize<CreateIssue>(CommandLedger.CommandJson)];
        }
        catch (JsonException ex)
        {
            return AdminProblems.BadRequest($"The body is not a CreateIssue command or an array of them: {ex.Message}");
        }

        if (batch is null || batch.Any(c => c is null))
        {
            return AdminProblems.BadRequest("The body is not a CreateIssue command or an array of them: it holds null.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var field in CreateIssueRules.Check(batch[i]!).GroupBy(e => e.Field))
            {
                errors[body.ValueKind == JsonValueKind.Array ? $"[{i}].{field.Key}" : field.Key] = field.Select(e => e.Message).ToArray();
            }
        }

        if (errors.Count > 0)
        {
            return AdminProblems.Invalid(errors, "Some commands have mistakes a producer would have refused; nothing was sent.");
        }

        foreach (var command in batch)
        {
            await producer.CreateIssueAsync(command!, cancellationToken);
        }

        return Results.Accepted(value: new PublishResult(batch.Count));
    }
}
