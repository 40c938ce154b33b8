using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddSourceVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stale_at",
                table: "lessons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "previous_version_id",
                table: "knowledge_documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "superseded_at",
                table: "knowledge_documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "knowledge_documents",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stale_at",
                table: "concepts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_documents_previous_version_id",
                table: "knowledge_documents",
                column: "previous_version_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_knowledge_documents_previous_version_id",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "stale_at",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "previous_version_id",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "version",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "stale_at",
                table: "concepts");
        }
    }
}
