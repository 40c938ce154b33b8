using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation;

/// <summary>
/// A generator whose drafts already went through a <see cref="LessonPipeline"/> elsewhere (the AI role's): its
/// passages were screened and its lesson reviewed by the same safety pipeline, so the caller's pipeline does not
/// do either again.
/// </summary>
public interface IPipelineBackedGenerator : ILessonGenerator;
