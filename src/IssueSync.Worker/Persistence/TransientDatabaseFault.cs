using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace IssueSync.Worker.Persistence;

/// <summary>
/// Tells a database that is briefly away (failover, restart, dropped connection, timeout) from a statement that
/// is wrong: the first is waited out, the second is a bug to report.
/// </summary>
public static class TransientDatabaseFault
{
    // SQL Server and Azure SQL errors that clear up by themselves (connection loss, failover, throttling, deadlock).
    private static readonly HashSet<int> TransientSqlServerErrors = [-2, 20, 64, 233, 1205, 4060, 4221, 10053, 10054, 10060, 10928, 10929,
        11001, 40143, 40197, 40501, 40540, 40613, 49918, 49919, 49920];

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(x => TransientSqlServerErrors.Contains(x.Number)):
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case DbException { IsTransient: true }:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }
}
