using BmoLearning.Core.Delivery;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Progress;
using BmoLearning.Core.Quiz;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Domain services and jobs. The host registers the database; BmoLearning.Ai registers the index and the generators.</summary>
    public static IServiceCollection AddCoreServices(this IServiceCollection services)
    {
        services.AddOptions<Knowledge.RetrievalOptions>().BindConfiguration(Knowledge.RetrievalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RetryDelaysSeconds.All(d => d is >= 0 and <= 86_400), "Generation:RetryDelaysSeconds values must be 0 to 86400.").ValidateOnStart();
        services.AddScoped<LessonRequestService>();
        services.AddScoped<LessonGenerationJob>();
        services.AddScoped<LessonRequestRecovery>();
        services.AddScoped<Knowledge.DocumentProcessingJob>();
        services.AddOptions<Knowledge.StorageOptions>().BindConfiguration(Knowledge.StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<QuizService>();
        services.AddScoped<ProgressService>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RetryDelaysSeconds.All(d => d is >= 0 and <= 86_400), "Delivery:RetryDelaysSeconds values must be 0 to 86400.").ValidateOnStart();
        services.AddScoped<DeliveryJob>();
        services.AddScoped<DeliveryScheduler>();
        services.AddScoped<Experiments.ExperimentService>();
        services.AddScoped<Experiments.ExperimentResultsService>();
        services.AddScoped<Experiments.ExperimentCommands>();
        services.AddScoped<SendTime.SendTimeService>();
        services.AddScoped<Analytics.AnalyticsService>();
        services.AddScoped<Analytics.Rollup.RollupBuilder>();
        services.AddScoped<Governance.Audit.AuditLog>();
        services.AddScoped<Governance.Audit.AuditVerifier>();
        services.AddScoped<Governance.DataRights.LearnerExport>();
        services.AddScoped<Governance.DataRights.LearnerErasure>();
        services.AddScoped<Governance.DataRights.RetentionJob>();
        services.AddScoped<Governance.Keys.ApiKeyService>();
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.Section);
        services.AddScoped<Governance.Lifecycle.LessonReview>();
        services.AddScoped<Governance.Versions.SourceVersioning>();
        services.AddScoped<Governance.Versions.StaleLessons>();
        services.AddSingleton<Governance.Keys.ApiKeyCache>();
        services.AddOptions<Governance.DataRights.RetentionOptions>().BindConfiguration(Governance.DataRights.RetentionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Adaptive.CourseCatalog>();
        services.AddScoped<Adaptive.CourseService>();
        services.AddScoped<Learners.Import.LearnerCsvImport>();
        services.AddOptions<Adaptive.AdaptiveOptions>().BindConfiguration(Adaptive.AdaptiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Adaptive.ConceptLinker>();
        services.AddScoped<Adaptive.ReviewRecorder>();
        services.AddScoped<Adaptive.MasteryService>();
        services.AddScoped<Adaptive.ReviewScheduler>();
        services.AddScoped<Adaptive.FsrsParameterStore>();
        services.AddScoped<Adaptive.FsrsOptimizationJob>();
        return services;
    }
}
