namespace BmoLearning.Safety;

/// <summary>What a text is, which decides the checks that apply to it.</summary>
public enum SafetyPurpose
{
    /// <summary>A topic typed by a learner: PII, prompt injection and guaranteed rate or return claims.</summary>
    Topic,

    /// <summary>Lesson text produced by a model: PII and financial-content rules.</summary>
    GeneratedLesson,

    /// <summary>Text extracted from an uploaded document: PII and prompt injection.</summary>
    DocumentText,
}
