using BmoLearning.Core.Experiments;
using BmoLearning.Core.Learners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.ToTable("experiments");
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Hypothesis).HasMaxLength(2000);
        builder.Property(e => e.Factor).HasMaxLength(50);
        builder.Property(e => e.Team).HasMaxLength(Learner.MaxTeamLength);
        builder.Property(e => e.PrimaryMetric).HasMaxLength(50);
        builder.Property(e => e.ShippedVariant).HasMaxLength(100);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Variants).HasJsonConversion();
        builder.Property(e => e.Guardrails).HasJsonConversion();
        builder.HasIndex(e => new { e.Factor, e.Status });
    }
}

internal sealed class ExperimentExposureConfiguration : IEntityTypeConfiguration<ExperimentExposure>
{
    public void Configure(EntityTypeBuilder<ExperimentExposure> builder)
    {
        builder.ToTable("experiment_exposures");
        builder.Property(x => x.Variant).HasMaxLength(100);
        builder.HasIndex(x => new { x.ExperimentId, x.LearnerId }).IsUnique();
        builder.HasOne<Experiment>().WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(x => x.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
