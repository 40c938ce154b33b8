using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Core.Delivery;

/// <summary>Delivery and scheduling settings (section "Delivery").</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// The address learners and providers reach this service at (lesson links; Twilio signs its webhook
    /// with this URL). Behind a proxy or load balancer it is the public URL, not the listening one.
    /// </summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>HMAC key for lesson links (at least 32 characters). The embedded default generates one into the data directory.</summary>
    [MinLength(32)]
    public string? LinkSigningKey { get; set; }

    /// <summary>How long a lesson link (web page, email answer links) stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Sends per delivery record before the channel is given up and the next one tried.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Waits between failed sends, in seconds (the last value repeats); empty means <see cref="DefaultRetryDelaysSeconds"/>.
    /// Providers' Retry-After wins when given. Not initialised with the defaults: the binder would append to them.
    /// </summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    public static IReadOnlyList<int> DefaultRetryDelaysSeconds { get; } = [30, 120, 600];

    /// <summary>The configured waits, or the defaults.</summary>
    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds.Length > 0 ? RetryDelaysSeconds : DefaultRetryDelaysSeconds;

    /// <summary>A send claimed this long ago and not finished is treated as lost (never re-sent: it may have gone out).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Organisation default quiet hours (learner's local time); a learner's own setting wins. Equal start and end: none.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(20, 0);

    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>Days scheduled lessons and reminders go out, comma-separated (Mon,Tue,...).</summary>
    [Required]
    [RegularExpression(@"^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(\s*,\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun))*\s*$", ErrorMessage = "Delivery:WorkingDays must be a comma-separated list of Mon, Tue, Wed, Thu, Fri, Sat, Sun.")]
    public string WorkingDays { get; set; } = "Mon,Tue,Wed,Thu,Fri";

    /// <summary>How long after the learner's preferred hour a scheduled lesson may still go out; later ones wait for the next window.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "12:00:00")]
    public TimeSpan WindowLength { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Reminders for an unanswered question, at most one per working day.</summary>
    [Range(0, 2)]
    public int MaxReminders { get; set; } = 2;

    /// <summary>How often the scheduler looks for due lessons and reminders (cron).</summary>
    [Required]
    public string SchedulerCron { get; set; } = "*/5 * * * *";

    /// <summary>Webhook requests older than this (Slack's timestamp) are rejected; receipts are kept twice as long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:15:00")]
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
