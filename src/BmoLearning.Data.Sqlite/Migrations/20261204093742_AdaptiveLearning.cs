using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AdaptiveLearning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "review_of_lesson_id",
                table: "lessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "concepts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_concepts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "courses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_courses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "concept_memories",
                columns: table => new
                {
                    learner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    concept_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    stability = table.Column<double>(type: "REAL", nullable: false),
                    difficulty = table.Column<double>(type: "REAL", nullable: false),
                    last_review = table.Column<long>(type: "INTEGER", nullable: true),
                    due = table.Column<long>(type: "INTEGER", nullable: false),
                    scheduled_days = table.Column<int>(type: "INTEGER", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    reps = table.Column<int>(type: "INTEGER", nullable: false),
                    lapses = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_concept_memories", x => new { x.learner_id, x.concept_id });
                    table.ForeignKey(
                        name: "fk_concept_memories_concepts_concept_id",
                        column: x => x.concept_id,
                        principalTable: "concepts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_concept_memories_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lesson_concepts",
                columns: table => new
                {
                    lesson_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    concept_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lesson_concepts", x => new { x.lesson_id, x.concept_id });
                    table.ForeignKey(
                        name: "fk_lesson_concepts_concepts_concept_id",
                        column: x => x.concept_id,
                        principalTable: "concepts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lesson_concepts_lessons_lesson_id",
                        column: x => x.lesson_id,
                        principalTable: "lessons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_logs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    learner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    concept_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quiz_response_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rating = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    elapsed_days = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_logs", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_logs_concepts_concept_id",
                        column: x => x.concept_id,
                        principalTable: "concepts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_review_logs_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_review_logs_quiz_responses_quiz_response_id",
                        column: x => x.quiz_response_id,
                        principalTable: "quiz_responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "course_topics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    prerequisites = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_topics", x => x.id);
                    table.ForeignKey(
                        name: "fk_course_topics_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    learner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    current_topic_position = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrolments_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_enrolments_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_concept_memories_concept_id",
                table: "concept_memories",
                column: "concept_id");

            migrationBuilder.CreateIndex(
                name: "ix_concept_memories_due",
                table: "concept_memories",
                column: "due");

            migrationBuilder.CreateIndex(
                name: "ix_concept_memories_learner_id_due",
                table: "concept_memories",
                columns: new[] { "learner_id", "due" });

            migrationBuilder.CreateIndex(
                name: "ix_concepts_content_hash",
                table: "concepts",
                column: "content_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_course_topics_course_id_position",
                table: "course_topics",
                columns: new[] { "course_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_course_topics_course_id_slug",
                table: "course_topics",
                columns: new[] { "course_id", "slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_courses_slug",
                table: "courses",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_course_id_learner_id",
                table: "enrolments",
                columns: new[] { "course_id", "learner_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrolments_learner_id",
                table: "enrolments",
                column: "learner_id");

            migrationBuilder.CreateIndex(
                name: "ix_lesson_concepts_concept_id",
                table: "lesson_concepts",
                column: "concept_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_logs_concept_id",
                table: "review_logs",
                column: "concept_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_logs_learner_id_concept_id_reviewed_at",
                table: "review_logs",
                columns: new[] { "learner_id", "concept_id", "reviewed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_review_logs_quiz_response_id_concept_id",
                table: "review_logs",
                columns: new[] { "quiz_response_id", "concept_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "concept_memories");

            migrationBuilder.DropTable(
                name: "course_topics");

            migrationBuilder.DropTable(
                name: "enrolments");

            migrationBuilder.DropTable(
                name: "lesson_concepts");

            migrationBuilder.DropTable(
                name: "review_logs");

            migrationBuilder.DropTable(
                name: "courses");

            migrationBuilder.DropTable(
                name: "concepts");

            migrationBuilder.DropColumn(
                name: "review_of_lesson_id",
                table: "lessons");
        }
    }
}
