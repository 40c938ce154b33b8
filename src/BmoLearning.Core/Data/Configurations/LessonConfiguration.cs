using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.Property(l => l.Topic).HasMaxLength(200);
        builder.Property(l => l.KeyPoints).HasJsonConversion();
        builder.Property(l => l.QuizOptions).HasJsonConversion();
        builder.Property(l => l.Sources).HasJsonConversion();
        builder.Property(l => l.GeneratorName).HasMaxLength(64);
        builder.Property(l => l.GeneratorVersion).HasMaxLength(32);
        builder.Property(l => l.DeliveryChannel).HasMaxLength(16);
        builder.Property(l => l.FallbackReason).HasMaxLength(1000);
        builder.Property(l => l.Model).HasMaxLength(100);
        builder.Property(l => l.EstimatedCostUsd).HasPrecision(12, 6);
        builder.Property(l => l.SafetyIssues).HasJsonConversion();
        // Rows from before the lifecycle were delivered as they were: published. The sentinel makes EF always send the value.
        builder.Property(l => l.Status).HasDefaultValue(LessonStatus.Published).HasSentinel((LessonStatus)(-1));
        builder.Property(l => l.ReviewedBy).HasMaxLength(200);
        builder.Property(l => l.ReviewReason).HasMaxLength(1000);
        builder.HasIndex(l => new { l.Topic, l.Difficulty, l.Status });
        builder.HasIndex(l => new { l.LearnerId, l.CreatedAt });
        // Analytics (issue 13): lessons delivered and AI spend in a period.
        builder.HasIndex(l => l.DeliveredAt);
        builder.HasIndex(l => l.CreatedAt);
        builder.HasOne<LearningPath>().WithMany().HasForeignKey(l => l.LearningPathId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(l => l.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
