using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class QuizResponseConfiguration : IEntityTypeConfiguration<QuizResponse>
{
    public void Configure(EntityTypeBuilder<QuizResponse> builder)
    {
        builder.ToTable("quiz_responses");
        builder.Property(q => q.Channel).HasMaxLength(16);
        builder.HasIndex(q => new { q.LearnerId, q.LessonId }).IsUnique();
        // Analytics (issue 13): "was this lesson answered" per delivery, and answers in a period.
        builder.HasIndex(q => q.LessonId);
        builder.HasIndex(q => q.CreatedAt);
        // Analytics: active learners, one probe per learner instead of a distinct over the period's answers.
        builder.HasIndex(q => new { q.LearnerId, q.CreatedAt });
        builder.HasOne<Learner>().WithMany().HasForeignKey(q => q.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}
