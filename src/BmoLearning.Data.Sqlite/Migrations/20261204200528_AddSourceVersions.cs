using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSourceVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "stale_at",
                table: "lessons",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "previous_version_id",
                table: "knowledge_documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "superseded_at",
                table: "knowledge_documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "knowledge_documents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "stale_at",
                table: "concepts",
                type: "INTEGER",
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
