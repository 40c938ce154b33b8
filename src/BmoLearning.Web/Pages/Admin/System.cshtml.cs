using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin;

public sealed record QueueRow(string Name, long Enqueued, long Fetched);

/// <summary>Dependencies, the AI circuits and the job queue, read from the same sources the readiness check and Hangfire use.</summary>
public sealed class SystemModel(AppDbContext db, CircuitMonitor circuits, JobStorage jobs, ILogger<SystemModel> logger) : ConsolePage
{
    public string Database { get; private set; } = "unknown";

    public string Provider { get; private set; } = "";

    public IReadOnlyList<(string Name, string State)> Circuits { get; private set; } = [];

    public IReadOnlyList<QueueRow> Queues { get; private set; } = [];

    public long Processing { get; private set; }

    public long Scheduled { get; private set; }

    public long Failed { get; private set; }

    public long Succeeded { get; private set; }

    public int Servers { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Provider = db.Database.ProviderName ?? "";
        try
        {
            Database = await db.Database.CanConnectAsync(ct) ? "connected" : "disconnected";
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning(e, "The system page could not reach the database.");
            Database = "disconnected";
        }

        Circuits = [("AI service (remote generator)", circuits.StateOf(RemoteLessonGenerator.HttpClientName)), ("LLM provider", circuits.StateOf(LlmChatFactory.HttpClientName))];
        var monitoring = jobs.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        Processing = stats.Processing;
        Scheduled = stats.Scheduled;
        Failed = stats.Failed;
        Succeeded = stats.Succeeded;
        Servers = (int)stats.Servers;
        Queues = monitoring.Queues().Select(q => new QueueRow(q.Name, q.Length, q.Fetched ?? 0)).ToList();
    }
}
