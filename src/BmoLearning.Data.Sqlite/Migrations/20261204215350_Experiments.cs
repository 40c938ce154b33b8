using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BmoLearning.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hypothesis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    factor = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    variants = table.Column<string>(type: "TEXT", nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    course_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    primary_metric = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    guardrails = table.Column<string>(type: "TEXT", nullable: false),
                    baseline_rate = table.Column<double>(type: "REAL", nullable: false),
                    minimum_detectable_effect = table.Column<double>(type: "REAL", nullable: false),
                    planned_per_variant = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    shipped_variant = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    stopped_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "experiment_exposures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    experiment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    learner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    variant = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_exposures", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiment_exposures_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_experiment_exposures_learners_learner_id",
                        column: x => x.learner_id,
                        principalTable: "learners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_experiment_exposures_experiment_id_learner_id",
                table: "experiment_exposures",
                columns: new[] { "experiment_id", "learner_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_experiment_exposures_learner_id",
                table: "experiment_exposures",
                column: "learner_id");

            migrationBuilder.CreateIndex(
                name: "ix_experiments_factor_status",
                table: "experiments",
                columns: new[] { "factor", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_exposures");

            migrationBuilder.DropTable(
                name: "experiments");
        }
    }
}
