using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FsrsParameterSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fsrs_parameter_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    weights = table.Column<string>(type: "text", nullable: false),
                    reviews = table.Column<int>(type: "integer", nullable: false),
                    default_log_loss = table.Column<double>(type: "double precision", nullable: false),
                    fitted_log_loss = table.Column<double>(type: "double precision", nullable: false),
                    fitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fsrs_parameter_sets", x => x.id);
                    table.ForeignKey(
                        name: "fk_fsrs_parameter_sets_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fsrs_parameter_sets_learner_id",
                table: "fsrs_parameter_sets",
                column: "learner_id");

            migrationBuilder.CreateIndex(
                name: "ix_fsrs_parameter_sets_scope",
                table: "fsrs_parameter_sets",
                column: "scope",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fsrs_parameter_sets");
        }
    }
}
