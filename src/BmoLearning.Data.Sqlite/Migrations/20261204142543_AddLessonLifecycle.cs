using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddLessonLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "library_lesson_id",
                table: "lessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_reason",
                table: "lessons",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reviewed_at",
                table: "lessons",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "lessons",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "lessons",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Published");

            migrationBuilder.CreateIndex(
                name: "ix_lessons_topic_difficulty_status",
                table: "lessons",
                columns: new[] { "topic", "difficulty", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_lessons_topic_difficulty_status",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "library_lesson_id",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "review_reason",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "status",
                table: "lessons");
        }
    }
}
