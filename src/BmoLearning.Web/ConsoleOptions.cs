using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Web;

/// <summary>The console's settings (section "Console").</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A session unused for this long ends; each request inside it extends it.</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;
}
