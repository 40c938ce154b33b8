using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_quiz_responses_created_at",
                table: "quiz_responses",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_lessons_created_at",
                table: "lessons",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_lessons_delivered_at",
                table: "lessons",
                column: "delivered_at");

            migrationBuilder.CreateIndex(
                name: "ix_lesson_deliveries_created_at",
                table: "lesson_deliveries",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_quiz_responses_created_at",
                table: "quiz_responses");

            migrationBuilder.DropIndex(
                name: "ix_lessons_created_at",
                table: "lessons");

            migrationBuilder.DropIndex(
                name: "ix_lessons_delivered_at",
                table: "lessons");

            migrationBuilder.DropIndex(
                name: "ix_lesson_deliveries_created_at",
                table: "lesson_deliveries");
        }
    }
}
