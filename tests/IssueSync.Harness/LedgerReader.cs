using Npgsql;

namespace IssueSync.Harness;

/// <summary>
/// Reads the worker's command ledger straight from PostgreSQL with plain SQL (tables <c>commands</c> and
/// <c>command_attempts</c>), not through the worker's code: the verdict must not depend on the worker's view of itself.
/// </summary>
public sealed class LedgerReader(string connectionString)
{
    /// <summary>Every ledger row whose idempotency key starts with <paramref name="keyPrefix"/>, with its attempt log.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerRow>> ReadAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var rows = new Dictionary<Guid, LedgerRow>();
        await using (var command = new NpgsqlCommand("""
            SELECT "Id", "IdempotencyKey", "ConnectionName", "State", "Attempts", "ReasonCode", "LastError", "FieldErrorsJson",
                   "JiraIssueKey", "CloudId", "Outcome", "NextAttemptAt", "LeaseOwner", "ResultPublishedAt", "ReceivedAt", "CompletedAt"
            FROM commands WHERE starts_with("IdempotencyKey", @prefix)
            """, connection))
        {
            command.Parameters.AddWithValue("prefix", keyPrefix);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new LedgerRow(
                    reader.GetString(1), Text(reader, 2), reader.GetString(3), reader.GetInt32(4), Text(reader, 5), Text(reader, 6), Text(reader, 7),
                    Text(reader, 8), Text(reader, 9), Text(reader, 10), Time(reader, 11), Text(reader, 12), Time(reader, 13),
                    reader.GetDateTime(14), Time(reader, 15), []);
                rows[reader.GetGuid(0)] = row;
            }
        }

        var attempts = new Dictionary<Guid, List<LedgerAttempt>>();
        await using (var command = new NpgsqlCommand("""
            SELECT a."CommandId", a."Number", a."StartedAt", a."FinishedAt", a."Outcome", a."HttpStatus", a."Detail", a."Replica"
            FROM command_attempts a JOIN commands c ON c."Id" = a."CommandId"
            WHERE starts_with(c."IdempotencyKey", @prefix) ORDER BY a."CommandId", a."Number", a."Id"
            """, connection))
        {
            command.Parameters.AddWithValue("prefix", keyPrefix);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!attempts.TryGetValue(id, out var list))
                {
                    attempts[id] = list = [];
                }

                list.Add(new LedgerAttempt(reader.GetInt32(1), reader.GetDateTime(2), Time(reader, 3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), Text(reader, 6), Text(reader, 7)));
            }
        }

        return rows.ToDictionary(
            kv => kv.Value.IdempotencyKey,
            kv => kv.Value with { AttemptLog = attempts.TryGetValue(kv.Key, out var list) ? list : [] },
            StringComparer.Ordinal);
    }

    /// <summary>Commands per state, for progress lines.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "State", count(*) FROM commands WHERE starts_with("IdempotencyKey", @prefix) GROUP BY "State" """, connection);
        command.Parameters.AddWithValue("prefix", keyPrefix);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>How many of the connection's commands are in the given state now.</summary>
    public async Task<int> CountAsync(string keyPrefix, string connectionName, string state, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM commands WHERE starts_with("IdempotencyKey", @prefix) AND "ConnectionName" = @connection AND "State" = @state""", connection);
        command.Parameters.AddWithValue("prefix", keyPrefix);
        command.Parameters.AddWithValue("connection", connectionName);
        command.Parameters.AddWithValue("state", state);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Connection name → status, as stored.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ConnectionStatusesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "Name", "Status" FROM connections""", connection);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }

        return statuses;
    }

    /// <summary>Messages the worker rejected (bad body, unknown type, reused key …), by reason.</summary>
    public async Task<IReadOnlyList<(string Reason, string? Key, string Detail)>> RejectedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "ReasonCode", "IdempotencyKey", "Reason" FROM rejected_messages ORDER BY "ReceivedAt" """, connection);
        var rejected = new List<(string, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rejected.Add((reader.GetString(0), Text(reader, 1), Text(reader, 2) ?? ""));
        }

        return rejected;
    }

    public static async Task CreateDatabaseAsync(string adminConnectionString, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
}

/// <summary>One row of the <c>commands</c> table.</summary>
public sealed record LedgerRow(
    string IdempotencyKey, string? ConnectionName, string State, int Attempts, string? ReasonCode, string? LastError, string? FieldErrorsJson,
    string? JiraIssueKey, string? CloudId, string? Outcome, DateTime? NextAttemptAt, string? LeaseOwner, DateTime? ResultPublishedAt,
    DateTime ReceivedAt, DateTime? CompletedAt, IReadOnlyList<LedgerAttempt> AttemptLog)
{
    public bool IsTerminal => State is "Created" or "Failed" or "Discarded";
}

/// <summary>One row of the <c>command_attempts</c> table.</summary>
public sealed record LedgerAttempt(int Number, DateTime StartedAt, DateTime? FinishedAt, string Outcome, int? HttpStatus, string? Detail, string? Replica);
