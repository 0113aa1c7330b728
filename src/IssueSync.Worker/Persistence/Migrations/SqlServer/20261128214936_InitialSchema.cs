using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConnectionName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProjectKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Summary = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LeaseOwner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OutcomeUnknown = table.Column<bool>(type: "bit", nullable: false),
                    DedupeLabel = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    LastPostedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CloudId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    JiraIssueKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    JiraIssueId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ReasonCode = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    FieldErrorsJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    RawCommand = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CorrelationId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ResultPublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AtlassianAccountId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ProtectedAccessToken = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ProtectedRefreshToken = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    Scopes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CloudId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    SiteUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    SiteName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    AvailableSitesJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: true),
                    LastRefreshedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    StatusReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ThrottledUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_connections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "create_metadata_cache",
                columns: table => new
                {
                    CloudId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ProjectKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IssueTypeId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    PayloadJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_create_metadata_cache", x => new { x.CloudId, x.ProjectKey, x.IssueTypeId });
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "oauth_states",
                columns: table => new
                {
                    StateHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oauth_states", x => x.StateHash);
                });

            migrationBuilder.CreateTable(
                name: "rejected_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReasonCode = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    MessageId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    MessageType = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    InputAddress = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RawBody = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BodyLength = table.Column<int>(type: "int", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "command_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CommandId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    HttpStatus = table.Column<int>(type: "int", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Replica = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_command_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_command_attempts_commands_CommandId",
                        column: x => x.CommandId,
                        principalTable: "commands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_command_attempts_CommandId_Number",
                table: "command_attempts",
                columns: new[] { "CommandId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commands_ConnectionName_State",
                table: "commands",
                columns: new[] { "ConnectionName", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_commands_IdempotencyKey",
                table: "commands",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commands_ReceivedAt",
                table: "commands",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_commands_State_NextAttemptAt",
                table: "commands",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_connections_Name",
                table: "connections",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_oauth_states_ExpiresAt",
                table: "oauth_states",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_rejected_messages_ReasonCode",
                table: "rejected_messages",
                column: "ReasonCode");

            migrationBuilder.CreateIndex(
                name: "IX_rejected_messages_ReceivedAt",
                table: "rejected_messages",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "command_attempts");

            migrationBuilder.DropTable(
                name: "connections");

            migrationBuilder.DropTable(
                name: "create_metadata_cache");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "oauth_states");

            migrationBuilder.DropTable(
                name: "rejected_messages");

            migrationBuilder.DropTable(
                name: "commands");
        }
    }
}
