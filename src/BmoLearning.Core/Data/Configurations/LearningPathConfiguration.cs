using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class LearningPathConfiguration : IEntityTypeConfiguration<LearningPath>
{
    public void Configure(EntityTypeBuilder<LearningPath> builder)
    {
        builder.ToTable("learning_paths");
        builder.Property(p => p.Topic).HasMaxLength(200);
        builder.Property(p => p.TopicKey).HasMaxLength(200);
        builder.Property(p => p.TotalLessons).HasDefaultValue(LearningPath.DefaultTotalLessons);
        builder.HasIndex(p => new { p.LearnerId, p.TopicKey }).IsUnique();
        builder.HasOne<Learner>().WithMany().HasForeignKey(p => p.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
