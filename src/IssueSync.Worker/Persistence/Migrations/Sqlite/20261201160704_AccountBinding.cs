using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountBinding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AtlassianAccountName",
                table: "connections",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingAtlassianAccountId",
                table: "connections",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingAtlassianAccountName",
                table: "connections",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AtlassianAccountName",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "PendingAtlassianAccountId",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "PendingAtlassianAccountName",
                table: "connections");
        }
    }
}
