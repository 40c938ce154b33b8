using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BmoLearning.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Api;

/// <summary>
/// Issue 17 item 4 end to end: an upload whose text is over the limit is failed by its job, with the reason,
/// within a bounded time, and the job completes without a retry (the failure is permanent).
/// </summary>
public sealed class DocumentLimitTests : IDisposable
{
    private readonly BmoAppFactory _factory = new BmoAppFactory().With("Ingestion:MaxCharacters", "100000");
    private readonly HttpClient _client;

    public DocumentLimitTests() => _client = _factory.CreateAdminClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Theory]
    [InlineData("expanded.docx")]
    [InlineData("expanded.md")]
    [InlineData("expanded.txt")]
    public async Task An_upload_that_expands_past_the_limit_fails_with_the_reason_and_is_not_retried(string fileName)
    {
        var bytes = fileName.EndsWith(".docx", StringComparison.Ordinal) ? TestDocuments.LargeDocx(1_000_000) : TestDocuments.LargeText(1_000_000);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent("reference"), "category");

        var response = await _client.PostAsync("/api/v1/documents", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadObjectAsync();
        var id = (string)accepted["document"]!["id"]!;
        var jobId = (string)accepted["job_id"]!;

        // Bounded: the whole upload-to-failure path well inside 30 s (it was over 10 minutes).
        var document = await _client.WaitForDocumentAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", (string?)document["status"]);
        Assert.StartsWith("The document is too large when expanded: 1,0", (string?)document["error"], StringComparison.Ordinal);
        Assert.EndsWith("characters of text, limit 100,000.", (string?)document["error"], StringComparison.Ordinal);
        Assert.Equal(0, (int)document["chunk_count"]!);

        var states = await JobStatesAsync(jobId);
        Assert.Equal("Succeeded", states[^1]);
        Assert.DoesNotContain("Failed", states);
        Assert.DoesNotContain("Scheduled", states);
    }

    /// <summary>The job's state history, oldest first, once it has finished (Hangfire records Succeeded just after the job returns).</summary>
    private async Task<List<string>> JobStatesAsync(string jobId)
    {
        var monitoring = _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var states = monitoring.JobDetails(jobId).History.Select(h => h.StateName).Reverse().ToList();
            if (states.Count > 0 && states[^1] is "Succeeded" or "Failed" or "Scheduled" || DateTime.UtcNow > deadline)
            {
                return states;
            }

            await Task.Delay(100);
        }
    }
}
