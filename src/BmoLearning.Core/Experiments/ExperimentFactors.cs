namespace BmoLearning.Core.Experiments;

/// <summary>What an experiment may vary, the values each factor takes, and the value used when nothing was shipped.</summary>
public static class ExperimentFactors
{
    public const string SendTimePolicy = "send_time_policy";
    public const string LessonLength = "lesson_length";
    public const string QuestionTypeMix = "question_type_mix";
    public const string ReminderPolicy = "reminder_policy";
    public const string ChannelOrder = "channel_order";

    /// <summary>Factor → allowed values; the first is the built-in default.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> All = new Dictionary<string, string[]>
    {
        [SendTimePolicy] = ["fixed", "learned"],
        [LessonLength] = ["standard", "short"],
        [QuestionTypeMix] = ["single_choice", "scenario_first"],
        [ReminderPolicy] = ["standard", "none"],
        [ChannelOrder] = ["preferred_first", "web_first"],
    };

    /// <summary>Factors known but not yet applied anywhere: defining an experiment on them is refused.</summary>
    public static readonly IReadOnlySet<string> NotWired = new HashSet<string> { QuestionTypeMix };

    public static string BuiltInDefault(string factor) => All[factor][0];
}

/// <summary>Metrics results can be computed for (each a proportion per variant).</summary>
public static class ExperimentMetrics
{
    /// <summary>Exposed learners whose first lesson after exposure was answered within 24 hours of being sent.</summary>
    public const string AnsweredWithin24h = "answered_within_24h";

    /// <summary>Answers given after exposure that were correct.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Exposed learners who have opted out of SMS.</summary>
    public const string OptOut = "opt_out";

    public static readonly IReadOnlyList<string> All = [AnsweredWithin24h, Accuracy, OptOut];
}
