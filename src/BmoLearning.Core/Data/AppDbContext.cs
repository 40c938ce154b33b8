using BmoLearning.Core.Delivery;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Learners;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Learner> Learners => Set<Learner>();
    public DbSet<LearningPath> LearningPaths => Set<LearningPath>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<LessonRequest> LessonRequests => Set<LessonRequest>();
    public DbSet<QuizResponse> QuizResponses => Set<QuizResponse>();
    public DbSet<LessonDelivery> LessonDeliveries => Set<LessonDelivery>();
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();
    public DbSet<KnowledgeDocument> KnowledgeDocuments => Set<KnowledgeDocument>();
    public DbSet<KnowledgeChunk> KnowledgeChunks => Set<KnowledgeChunk>();
    public DbSet<Governance.Audit.AuditEntry> AuditEntries => Set<Governance.Audit.AuditEntry>();
    public DbSet<Adaptive.Course> Courses => Set<Adaptive.Course>();
    public DbSet<Adaptive.CourseTopic> CourseTopics => Set<Adaptive.CourseTopic>();
    public DbSet<Adaptive.Enrolment> Enrolments => Set<Adaptive.Enrolment>();
    public DbSet<Adaptive.Concept> Concepts => Set<Adaptive.Concept>();
    public DbSet<Adaptive.LessonConcept> LessonConcepts => Set<Adaptive.LessonConcept>();
    public DbSet<Adaptive.ReviewLog> ReviewLogs => Set<Adaptive.ReviewLog>();
    public DbSet<Adaptive.ConceptMemory> ConceptMemories => Set<Adaptive.ConceptMemory>();
    public DbSet<Experiments.Experiment> Experiments => Set<Experiments.Experiment>();
    public DbSet<Experiments.ExperimentExposure> ExperimentExposures => Set<Experiments.ExperimentExposure>();
    public DbSet<Adaptive.FsrsParameterSet> FsrsParameterSets => Set<Adaptive.FsrsParameterSet>();
    public DbSet<Governance.Keys.ApiKey> ApiKeys => Set<Governance.Keys.ApiKey>();
    public DbSet<Analytics.Rollup.AnalyticsRollup> AnalyticsRollups => Set<Analytics.Rollup.AnalyticsRollup>();
    public DbSet<Analytics.Rollup.AnalyticsRollupDay> AnalyticsRollupDays => Set<Analytics.Rollup.AnalyticsRollupDay>();
    public DbSet<Analytics.Rollup.AnalyticsInvalidation> AnalyticsInvalidations => Set<Analytics.Rollup.AnalyticsInvalidation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Provider-specific columns and indexes are added after this by the provider project's model customizer
        // (BmoLearning.Data.Sqlite.SqliteModel, BmoLearning.Data.Postgres.PostgresModel), chosen where the database is configured.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database reads well and reordering members is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
