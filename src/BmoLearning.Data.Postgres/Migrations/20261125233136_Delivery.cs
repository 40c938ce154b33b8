using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BmoLearning.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Delivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "lesson_requests",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_hours_end",
                table: "learners",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_hours_start",
                table: "learners",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "sms_opted_out",
                table: "learners",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sms_opted_out_at",
                table: "learners",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lesson_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lesson_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    provider_message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    provider_channel_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    fallback_from = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lesson_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_lesson_deliveries_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lesson_deliveries_lessons_lesson_id",
                        column: x => x.lesson_id,
                        principalTable: "lessons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_receipts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    provider = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_receipts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_learners_phone",
                table: "learners",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_lesson_deliveries_idempotency_key",
                table: "lesson_deliveries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lesson_deliveries_learner_id_channel_sent_at",
                table: "lesson_deliveries",
                columns: new[] { "learner_id", "channel", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lesson_deliveries_lesson_id",
                table: "lesson_deliveries",
                column: "lesson_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_receipts_provider_key",
                table: "webhook_receipts",
                columns: new[] { "provider", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_receipts_received_at",
                table: "webhook_receipts",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lesson_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_receipts");

            migrationBuilder.DropIndex(
                name: "ix_learners_phone",
                table: "learners");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "lesson_requests");

            migrationBuilder.DropColumn(
                name: "quiet_hours_end",
                table: "learners");

            migrationBuilder.DropColumn(
                name: "quiet_hours_start",
                table: "learners");

            migrationBuilder.DropColumn(
                name: "sms_opted_out",
                table: "learners");

            migrationBuilder.DropColumn(
                name: "sms_opted_out_at",
                table: "learners");
        }
    }
}
