using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LessonUsageAndSafetyFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "estimated_cost_usd",
                table: "lessons",
                type: "TEXT",
                precision: 12,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fallback_reason",
                table: "lessons",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "input_tokens",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "model",
                table: "lessons",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "output_tokens",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "safety_issues",
                table: "lessons",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "flagged_chunk_count",
                table: "knowledge_documents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "safety_flag",
                table: "knowledge_documents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "safety_flag",
                table: "knowledge_chunks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "estimated_cost_usd",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "fallback_reason",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "input_tokens",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "model",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "output_tokens",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "safety_issues",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "flagged_chunk_count",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "safety_flag",
                table: "knowledge_documents");

            migrationBuilder.DropColumn(
                name: "safety_flag",
                table: "knowledge_chunks");
        }
    }
}
