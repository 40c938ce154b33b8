using BmoLearning.Core.Analytics.Rollup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class AnalyticsRollupConfiguration : IEntityTypeConfiguration<AnalyticsRollup>
{
    public void Configure(EntityTypeBuilder<AnalyticsRollup> builder)
    {
        builder.ToTable("analytics_rollups");
        builder.Property(r => r.Team).HasMaxLength(Learners.Learner.MaxTeamLength);
        builder.Property(r => r.TopicKey).HasMaxLength(200);
        builder.Property(r => r.Topic).HasMaxLength(200);
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.Property(r => r.CostUsd).HasPrecision(18, 6);
        builder.HasIndex(r => new { r.Day, r.BuildId });
        builder.HasIndex(r => r.BuiltAt);
    }
}

internal sealed class AnalyticsRollupDayConfiguration : IEntityTypeConfiguration<AnalyticsRollupDay>
{
    public void Configure(EntityTypeBuilder<AnalyticsRollupDay> builder)
    {
        builder.ToTable("analytics_rollup_days");
        builder.HasKey(d => d.Day);
    }
}

internal sealed class AnalyticsInvalidationConfiguration : IEntityTypeConfiguration<AnalyticsInvalidation>
{
    public void Configure(EntityTypeBuilder<AnalyticsInvalidation> builder)
    {
        builder.ToTable("analytics_invalidations");
        builder.HasIndex(i => i.Day);
    }
}
