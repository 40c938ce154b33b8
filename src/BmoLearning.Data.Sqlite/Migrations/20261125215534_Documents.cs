using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
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
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<long>(
                name: "processing_started_at",
                table: "knowledge_documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storage_key",
                table: "knowledge_documents",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "timings",
                table: "knowledge_documents",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

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
