namespace BmoLearning.Core.Lessons;

/// <summary>
/// The approval policy (section "Approval"). Off on the embedded default; production sets Approval__Required=true so
/// model-written lessons wait for a reviewer instead of going out as drafts.
/// </summary>
public sealed class ApprovalOptions
{
    public const string Section = "Approval";

    public bool Required { get; set; }

    /// <summary>Only lessons a model wrote need approval; the offline generator only quotes the sources.</summary>
    public bool ModelWrittenOnly { get; set; } = true;

    public bool Applies(Lesson lesson) => Required && (!ModelWrittenOnly || lesson.Model is not null);
}
