using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class LessonRequestConfiguration : IEntityTypeConfiguration<LessonRequest>
{
    public void Configure(EntityTypeBuilder<LessonRequest> builder)
    {
        builder.ToTable("lesson_requests");
        builder.Property(r => r.Topic).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasIndex(r => r.Status);
        // Each claim increments attempts; a worker whose lease was taken over cannot overwrite the result.
        builder.Property(r => r.Attempts).IsConcurrencyToken();
        builder.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LearningPath>().WithMany().HasForeignKey(r => r.LearningPathId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(r => r.LessonId).OnDelete(DeleteBehavior.SetNull);
    }
}
