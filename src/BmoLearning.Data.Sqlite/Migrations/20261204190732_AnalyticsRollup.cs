using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_invalidations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_invalidations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_rollup_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    build_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    invalidations = table.Column<int>(type: "INTEGER", nullable: false),
                    built_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_rollup_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "analytics_rollups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    build_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    topic_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    delivered = table.Column<int>(type: "INTEGER", nullable: false),
                    answered = table.Column<int>(type: "INTEGER", nullable: false),
                    correct = table.Column<int>(type: "INTEGER", nullable: false),
                    sent = table.Column<int>(type: "INTEGER", nullable: false),
                    arrived = table.Column<int>(type: "INTEGER", nullable: false),
                    arrived_answered = table.Column<int>(type: "INTEGER", nullable: false),
                    lessons = table.Column<int>(type: "INTEGER", nullable: false),
                    input_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    output_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    cost_usd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    cost_scale = table.Column<int>(type: "INTEGER", nullable: false),
                    built_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_rollups", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_quiz_responses_learner_id_created_at",
                table: "quiz_responses",
                columns: new[] { "learner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_invalidations_day",
                table: "analytics_invalidations",
                column: "day");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_rollups_built_at",
                table: "analytics_rollups",
                column: "built_at");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_rollups_day_build_id",
                table: "analytics_rollups",
                columns: new[] { "day", "build_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_invalidations");

            migrationBuilder.DropTable(
                name: "analytics_rollup_days");

            migrationBuilder.DropTable(
                name: "analytics_rollups");

            migrationBuilder.DropIndex(
                name: "ix_quiz_responses_learner_id_created_at",
                table: "quiz_responses");
        }
    }
}
