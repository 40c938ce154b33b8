using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Documents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "knowledge_documents",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "processing_started_at",
                table: "knowledge_documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storage_key",
                table: "knowledge_documents",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "timings",
                table: "knowledge_documents",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_documents_category_status",
                table: "knowledge_documents",
                columns: new[] { "category", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_knowledge_documents_category_status",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "processing_started_at",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "storage_key",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "timings",
                table: "knowledge_documents");
        }
    }
}
