using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Host.Hosting;

/// <summary>Background job settings (section "Jobs").</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>sqlite, postgres or redis; empty means the database's own (sqlite file or the PostgreSQL database).</summary>
    public string? Storage { get; set; }

    /// <summary>Schema of the Hangfire tables in PostgreSQL (created by `bmo migrate`).</summary>
    [Required]
    public string PostgresSchema { get; set; } = "hangfire";

    /// <summary>Prefix of Hangfire's keys in Redis (braces keep them in one cluster slot).</summary>
    [Required]
    public string RedisPrefix { get; set; } = "{bmo-jobs}:";

    /// <summary>
    /// How often a worker re-queues lesson requests whose job was lost. Longer than Aurora's auto-pause delay
    /// (300 s minimum), so the sweep alone never keeps an idle cluster awake.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrent jobs per worker process.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker looks for new jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A job fetched by a worker that died is handed to another worker after this long. Hangfire cannot tell a
    /// dead worker from a slow job, so this must be longer than the longest job: at least Ingestion:MaxDuration
    /// plus <see cref="TimeoutMargin"/> (checked at start-up).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time a job needs after ingestion's own deadline to record the failure and complete.</summary>
    public static readonly TimeSpan TimeoutMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shortest job timeout that outlasts an ingestion deadline: the deadline plus <see cref="TimeoutMargin"/>,
    /// or plus the deadline itself when that is shorter (tests of dead workers run with deadlines of seconds).
    /// </summary>
    public static TimeSpan ShortestTimeoutFor(TimeSpan ingestionDeadline) =>
        ingestionDeadline + (ingestionDeadline < TimeoutMargin ? ingestionDeadline : TimeoutMargin);
}
