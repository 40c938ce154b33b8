using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Core.Governance.DataRights;

/// <summary>How long delivery payloads and free-text error details are kept (section "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Older deliveries and lesson requests lose their payloads: provider ids and error texts (which can quote an address).</summary>
    [Range(1, 3650)]
    public int PayloadDays { get; set; } = 180;

    /// <summary>When the retention job runs (cron, daily by default).</summary>
    [Required]
    public string Cron { get; set; } = "17 3 * * *";
}
