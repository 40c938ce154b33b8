using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses");
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasMany(c => c.Topics).WithOne().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CourseTopicConfiguration : IEntityTypeConfiguration<CourseTopic>
{
    public void Configure(EntityTypeBuilder<CourseTopic> builder)
    {
        builder.ToTable("course_topics");
        builder.Property(t => t.Slug).HasMaxLength(100);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Prerequisites).HasJsonConversion();
        builder.HasIndex(t => new { t.CourseId, t.Position }).IsUnique();
        builder.HasIndex(t => new { t.CourseId, t.Slug }).IsUnique();
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("enrolments");
        builder.HasIndex(e => new { e.CourseId, e.LearnerId }).IsUnique();
        builder.HasIndex(e => e.LearnerId);
        builder.HasOne<Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConceptConfiguration : IEntityTypeConfiguration<Concept>
{
    public void Configure(EntityTypeBuilder<Concept> builder)
    {
        builder.ToTable("concepts");
        builder.Property(c => c.ContentHash).HasMaxLength(64);
        builder.Property(c => c.Label).HasMaxLength(500);
        builder.HasIndex(c => c.ContentHash).IsUnique();
    }
}

internal sealed class LessonConceptConfiguration : IEntityTypeConfiguration<LessonConcept>
{
    public void Configure(EntityTypeBuilder<LessonConcept> builder)
    {
        builder.ToTable("lesson_concepts");
        builder.HasKey(lc => new { lc.LessonId, lc.ConceptId });
        builder.HasIndex(lc => lc.ConceptId);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(lc => lc.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Concept>().WithMany().HasForeignKey(lc => lc.ConceptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewLogConfiguration : IEntityTypeConfiguration<ReviewLog>
{
    public void Configure(EntityTypeBuilder<ReviewLog> builder)
    {
        builder.ToTable("review_logs");
        // Webhook retries replay an answer: one review per answer and concept.
        builder.HasIndex(r => new { r.QuizResponseId, r.ConceptId }).IsUnique();
        builder.HasIndex(r => new { r.LearnerId, r.ConceptId, r.ReviewedAt });
        builder.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Concept>().WithMany().HasForeignKey(r => r.ConceptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<QuizResponse>().WithMany().HasForeignKey(r => r.QuizResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConceptMemoryConfiguration : IEntityTypeConfiguration<ConceptMemory>
{
    public void Configure(EntityTypeBuilder<ConceptMemory> builder)
    {
        builder.ToTable("concept_memories");
        builder.HasKey(m => new { m.LearnerId, m.ConceptId });
        // The scheduler tick asks "what is due before now?" across all learners.
        builder.HasIndex(m => m.Due);
        builder.HasIndex(m => new { m.LearnerId, m.Due });
        builder.HasOne<Learner>().WithMany().HasForeignKey(m => m.LearnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Concept>().WithMany().HasForeignKey(m => m.ConceptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FsrsParameterSetConfiguration : IEntityTypeConfiguration<FsrsParameterSet>
{
    public void Configure(EntityTypeBuilder<FsrsParameterSet> builder)
    {
        builder.ToTable("fsrs_parameter_sets");
        builder.Property(p => p.Scope).HasMaxLength(64);
        builder.HasIndex(p => p.Scope).IsUnique();
        builder.Property(p => p.Weights).HasJsonConversion();
        builder.HasOne<Learner>().WithMany().HasForeignKey(p => p.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
