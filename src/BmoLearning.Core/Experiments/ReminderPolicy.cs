namespace BmoLearning.Core.Experiments;

/// <summary>The reminder_policy factor: "standard" sends up to Delivery:MaxReminders reminders, "none" sends none and the path moves on.</summary>
public static class ReminderPolicy
{
    public const string Standard = "standard";
    public const string None = "none";
}
