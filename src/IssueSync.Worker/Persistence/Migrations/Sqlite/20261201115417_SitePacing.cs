using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SitePacing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "LimitPerSecond",
                table: "pacing",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RateChangedAt",
                table: "pacing",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RatePerSecond",
                table: "pacing",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "replicas",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_replicas", x => x.Name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "replicas");

            migrationBuilder.DropColumn(
                name: "LimitPerSecond",
                table: "pacing");

            migrationBuilder.DropColumn(
                name: "RateChangedAt",
                table: "pacing");

            migrationBuilder.DropColumn(
                name: "RatePerSecond",
                table: "pacing");
        }
    }
}
