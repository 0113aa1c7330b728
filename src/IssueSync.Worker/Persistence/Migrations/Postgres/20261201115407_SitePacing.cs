using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IssueSync.Worker.Persistence.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RateChangedAt",
                table: "pacing",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RatePerSecond",
                table: "pacing",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "replicas",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
