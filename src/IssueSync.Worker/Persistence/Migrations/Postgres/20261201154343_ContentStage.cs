using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentStage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContentStageCrashes",
                table: "commands",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "InContentStage",
                table: "commands",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContentStageCrashes",
                table: "commands");

            migrationBuilder.DropColumn(
                name: "InContentStage",
                table: "commands");
        }
    }
}
