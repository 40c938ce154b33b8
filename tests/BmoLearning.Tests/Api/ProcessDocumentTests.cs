using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Core.Knowledge;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Api;

/// <summary>The AI role's process-document route, in the shape of the system it replaces.</summary>
public sealed class ProcessDocumentTests : IDisposable
{
    private const string AiKey = "test-ai-service-key-0123456789";
    private readonly BmoAppFactory _factory = new BmoAppFactory().With("AiService:ApiKey", AiKey);

    private async Task PutAsync(string key, string text)
    {
        var store = _factory.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync(key, Encoding.UTF8.GetBytes(text), "text/markdown", CancellationToken.None);
    }

    [Fact]
    public async Task A_stored_object_is_processed_synchronously_and_answered_in_the_reference_shape()
    {
        await PutAsync("incoming/limits.md", "# Limits\n\n## Raising a limit\n\nA business can ask for a higher limit.\n\n## Lowering a limit\n\nOwners can lower limits at any time.\n");
        var client = _factory.CreateClientWithKey(AiKey);

        var response = await client.PostAsJsonAsync("/api/v1/process-document", new
        {
            document_id = "42",
            s3_bucket = "ignored-for-local-storage",
            s3_key = "incoming/limits.md",
            content_type = "text/markdown",
            filename = "limits.md",
            category = "reference",
            metadata = new { owner = "Cards" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.True((bool)body["success"]!);
        Assert.Equal(2, (int)body["chunks_created"]!);
        Assert.Equal(2, (int)body["embeddings_created"]!);
        Assert.True((double)body["processing_time_seconds"]! >= 0);
        Assert.Null(body["error"]);

        var again = await (await client.PostAsJsonAsync("/api/v1/process-document", new { s3_key = "incoming/limits.md" })).ReadObjectAsync();
        Assert.Equal((string?)body["document_id"], (string?)again["document_id"]);
        Assert.Equal(0, (int)again["embeddings_created"]!);
    }

    [Fact]
    public async Task An_unreadable_object_is_reported_as_success_false_with_the_error()
    {
        var store = _factory.Services.GetRequiredService<IObjectStore>();
        await store.PutAsync("incoming/scan.pdf", TestDocuments.ScannedPdf(), "application/pdf", CancellationToken.None);
        var body = await (await _factory.CreateClientWithKey(AiKey).PostAsJsonAsync("/api/v1/process-document", new { s3_key = "incoming/scan.pdf" })).ReadObjectAsync();
        Assert.False((bool)body["success"]!);
        Assert.Contains("no extractable text", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_objects_bad_fields_and_wrong_keys_are_rejected()
    {
        var client = _factory.CreateClientWithKey(AiKey);
        await (await client.PostAsJsonAsync("/api/v1/process-document", new { s3_key = "nope.md" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var invalid = await client.PostAsJsonAsync("/api/v1/process-document", new { category = "novel" });
        var errors = (await invalid.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("category") && errors.ContainsKey("s3_key"));

        await (await _factory.CreateClient().PostAsJsonAsync("/api/v1/process-document", new { s3_key = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await _factory.CreateIntegrationClient().PostAsJsonAsync("/api/v1/process-document", new { s3_key = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        // The AI service key opens AI routes only.
        await (await client.GetAsync("/api/v1/learners")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _factory.Dispose();
}
