using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExactlyOnceCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"create_metadata_cache\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_create_metadata_cache",
                table: "create_metadata_cache");

            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "create_metadata_cache",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_create_metadata_cache",
                table: "create_metadata_cache",
                columns: new[] { "CloudId", "AccountId", "ProjectKey", "IssueTypeId" });

            migrationBuilder.AddColumn<int>(
                name: "AbandonedAttempts",
                table: "commands",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ConsecutiveWorkerErrors",
                table: "commands",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "LeaseId",
                table: "commands",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LookupsDone",
                table: "commands",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "commands",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "NotPosted");

            migrationBuilder.AddColumn<int>(
                name: "Tries",
                table: "commands",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "RetryAfterSeconds",
                table: "command_attempts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RotationStartedAt",
                table: "connections",
                type: "TEXT",
                nullable: true);

            // What the ledger knew as a flag becomes outcome knowledge; a pending command whose create may exist is uncertain.
            migrationBuilder.Sql("UPDATE \"commands\" SET \"Outcome\" = 'MayExist', \"State\" = CASE WHEN \"State\" = 'Pending' THEN 'Uncertain' ELSE \"State\" END WHERE \"OutcomeUnknown\" = 1;");

            migrationBuilder.Sql("UPDATE \"commands\" SET \"Tries\" = (SELECT COUNT(*) FROM \"command_attempts\" a WHERE a.\"CommandId\" = \"commands\".\"Id\");");

            migrationBuilder.DropColumn(
                name: "OutcomeUnknown",
                table: "commands");

            // Jira paces sites and the app, not connections: pauses now live in the pacing table.
            migrationBuilder.DropColumn(
                name: "ThrottledUntil",
                table: "connections");

            migrationBuilder.CreateTable(
                name: "pacing",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PausedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PauseReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pacing", x => x.Scope);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pacing");

            migrationBuilder.AddColumn<DateTime>(
                name: "ThrottledUntil",
                table: "connections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OutcomeUnknown",
                table: "commands",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE \"commands\" SET \"OutcomeUnknown\" = 1, \"State\" = CASE WHEN \"State\" = 'Uncertain' THEN 'Pending' ELSE \"State\" END WHERE \"Outcome\" = 'MayExist';");

            migrationBuilder.DropColumn(
                name: "RotationStartedAt",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "RetryAfterSeconds",
                table: "command_attempts");

            migrationBuilder.DropColumn(
                name: "Tries",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "LookupsDone",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "LeaseId",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "ConsecutiveWorkerErrors",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "AbandonedAttempts",
                table: "commands");

            migrationBuilder.Sql("DELETE FROM \"create_metadata_cache\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_create_metadata_cache",
                table: "create_metadata_cache");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "create_metadata_cache");

            migrationBuilder.AddPrimaryKey(
                name: "PK_create_metadata_cache",
                table: "create_metadata_cache",
                columns: new[] { "CloudId", "ProjectKey", "IssueTypeId" });
        }
    }
}
