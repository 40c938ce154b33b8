using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Api;

public sealed class DocumentTests : IDisposable
{
    private readonly BmoAppFactory _factory = new BmoAppFactory().With("Storage:MaxUploadBytes", "200000");
    private readonly HttpClient _client;

    public DocumentTests() => _client = _factory.CreateAdminClient();

    private string DocumentsDir => Path.Combine(_factory.DataDir, "documents");

    private List<string> StoredFiles() =>
        Directory.Exists(DocumentsDir) ? Directory.EnumerateFiles(DocumentsDir, "*", SearchOption.AllDirectories).ToList() : [];

    private static MultipartFormDataContent Form(byte[]? bytes, string fileName = "doc.md", string? category = "reference", string? metadata = null, string? title = null)
    {
        var form = new MultipartFormDataContent();
        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
        }

        if (category is not null)
        {
            form.Add(new StringContent(category), "category");
        }

        if (metadata is not null)
        {
            form.Add(new StringContent(metadata), "metadata");
        }

        if (title is not null)
        {
            form.Add(new StringContent(title), "title");
        }

        return form;
    }

    private async Task<JsonObject> UploadAndWaitAsync(byte[] bytes, string fileName, string category = "reference")
    {
        var response = await _client.PostAsync("/api/v1/documents", Form(bytes, fileName, category));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)(await response.ReadObjectAsync())["document"]!["id"]!;
        return await _client.WaitForDocumentAsync(id);
    }

    private async Task<int> CountAsync(Func<AppDbContext, Task<int>> count)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task An_uploaded_pdf_is_processed_with_pages_chunks_and_timings_and_is_searchable_with_page_citations()
    {
        var pdf = TestDocuments.Pdf(
            ("Travel Card Policy", ["Employees book flights through the approved travel desk only."]),
            ("Hotel Limits", ["Hotel stays are reimbursed up to the city rate published by finance."]));
        var response = await _client.PostAsync("/api/v1/documents", Form(pdf, "travel.pdf", "reference", "{\"owner\":\"Finance\"}", "Travel policy"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadObjectAsync();
        Assert.NotNull(accepted["job_id"]);
        Assert.Equal("queued", (string?)accepted["document"]!["status"]);

        var document = await _client.WaitForDocumentAsync((string)accepted["document"]!["id"]!);
        Assert.Equal("processed", (string?)document["status"]);
        Assert.Equal(ContentTypes.Pdf, (string?)document["content_type"]);
        Assert.Equal(2, (int)document["page_count"]!);
        Assert.True((int)document["chunk_count"]! >= 2);
        Assert.Equal("Finance", (string?)document["metadata"]!["owner"]);
        Assert.NotNull(document["timings"]!["embed_ms"]);
        Assert.NotNull(document["processed_at"]);

        var search = await (await _client.GetAsync($"/api/v1/search?q=hotel%20reimbursement%20rate&k=3&document_id={document["id"]}")).ReadObjectAsync();
        var hit = search["results"]![0]!;
        Assert.Equal(2, (int)hit["page_start"]!);
        Assert.Contains("Hotel Limits", (string?)hit["heading_path"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_docx_and_an_html_page_are_processed()
    {
        var docx = TestDocuments.Docx("Card Controls", ("Limits", ["Each card has a monthly limit."], ["Daily cap"], [["Card", "Limit"], ["Travel", "5000"]]));
        var html = Encoding.UTF8.GetBytes("<!doctype html><html><head><title>Disputes</title><script>x()</script></head><body><main><h1>Disputes</h1><p>File disputes within sixty days.</p></main></body></html>");

        var word = await UploadAndWaitAsync(docx, "controls.docx");
        var page = await UploadAndWaitAsync(html, "disputes.htm");

        Assert.Equal("processed", (string?)word["status"]);
        Assert.Equal("Card Controls", (string?)word["title"]);
        Assert.Equal("processed", (string?)page["status"]);
        Assert.Equal("Disputes", (string?)page["title"]);
    }

    [Fact]
    public async Task Identical_bytes_uploaded_again_return_the_existing_document()
    {
        var bytes = Encoding.UTF8.GetBytes("# Cheques\n\nCheques clear in a few days.\n");
        var first = await UploadAndWaitAsync(bytes, "cheques.md");
        var again = await _client.PostAsync("/api/v1/documents", Form(bytes, "copy-of-cheques.md"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.ReadObjectAsync();
        Assert.True((bool)body["duplicate"]!);
        Assert.Equal((string?)first["id"], (string?)body["document"]!["id"]);
        Assert.Equal(1, await CountAsync(db => db.KnowledgeDocuments.CountAsync(d => d.ContentHash == (string)first["content_hash"]!)));
    }

    [Fact]
    public async Task Failure_modes_are_reported_on_the_document()
    {
        var scan = await UploadAndWaitAsync(TestDocuments.ScannedPdf(), "scan.pdf");
        var locked = await UploadAndWaitAsync(TestDocuments.EncryptedPdf(), "locked.pdf");
        var bomb = await UploadAndWaitAsync(TestDocuments.DocxBomb(), "bomb.docx");

        Assert.Equal("failed", (string?)scan["status"]);
        Assert.Contains("no extractable text", (string?)scan["error"], StringComparison.Ordinal);
        Assert.Contains("encrypted", (string?)locked["error"], StringComparison.Ordinal);
        Assert.Contains("decompression bomb", (string?)bomb["error"], StringComparison.Ordinal);
        Assert.All(new[] { scan, locked, bomb }, d => Assert.Equal(0, (int)d["chunk_count"]!));

        // The worker is still healthy: a good document after the bad ones is processed.
        var good = await UploadAndWaitAsync(Encoding.UTF8.GetBytes("# After\n\nStill working."), "after.md");
        Assert.Equal("processed", (string?)good["status"]);
    }

    [Fact]
    public async Task Over_the_size_limit_is_413_unsupported_is_415_empty_is_422_and_none_leave_anything_behind()
    {
        var documentsBefore = await CountAsync(db => db.KnowledgeDocuments.CountAsync());
        var filesBefore = StoredFiles().Count;
        var tooLarge = await _client.PostAsync("/api/v1/documents", Form(new byte[200_001], "big.txt"));
        await tooLarge.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var image = await _client.PostAsync("/api/v1/documents", Form(TestDocuments.Png(), "looks-like.pdf"));
        await image.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var empty = await _client.PostAsync("/api/v1/documents", Form([], "empty.md"));
        Assert.True((await empty.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject().ContainsKey("file"));

        Assert.Equal(documentsBefore, await CountAsync(db => db.KnowledgeDocuments.CountAsync()));
        Assert.Equal(filesBefore, StoredFiles().Count);
    }

    [Fact]
    public async Task Invalid_fields_are_422()
    {
        var noFile = await _client.PostAsync("/api/v1/documents", Form(null, category: "reference"));
        Assert.True((await noFile.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject().ContainsKey("file"));

        var bad = await _client.PostAsync("/api/v1/documents", Form(Encoding.UTF8.GetBytes("x"), category: "novel", metadata: "[1,2]"));
        var errors = (await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("category") && errors.ContainsKey("metadata"));

        var json = await _client.PostAsync("/api/v1/documents", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True(json.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_name_with_path_segments_and_control_characters_is_stored_under_a_generated_key()
    {
        var before = StoredFiles();
        var document = await UploadAndWaitAsync(Encoding.UTF8.GetBytes("# Safe\n\nContent."), "../../../etc/pass\u0001wd.md");
        Assert.Equal("passwd.md", (string?)document["file_name"]);
        var stored = Assert.Single(StoredFiles().Except(before));
        Assert.StartsWith(Path.GetFullPath(DocumentsDir), Path.GetFullPath(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_the_document_its_chunks_and_its_stored_object()
    {
        var document = await UploadAndWaitAsync(Encoding.UTF8.GetBytes("# Gone\n\nThis will be deleted."), "gone.md");
        var id = Guid.Parse((string)document["id"]!);
        Assert.True(await CountAsync(db => db.KnowledgeChunks.CountAsync(c => c.DocumentId == id)) > 0);
        var files = StoredFiles().Count;

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/documents/{id}")).StatusCode);

        Assert.Equal(0, await CountAsync(db => db.KnowledgeChunks.CountAsync(c => c.DocumentId == id)));
        Assert.Equal(0, await CountAsync(db => db.KnowledgeDocuments.CountAsync(d => d.Id == id)));
        Assert.Equal(files - 1, StoredFiles().Count);
        Assert.DoesNotContain(StoredFiles(), f => f.Contains(id.ToString("N"), StringComparison.Ordinal));
        await (await _client.GetAsync($"/api/v1/documents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/api/v1/documents/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var search = await (await _client.GetAsync($"/api/v1/search?q=deleted&document_id={id}")).ReadObjectAsync();
        Assert.Empty(search["results"]!.AsArray());
    }

    [Fact]
    public async Task Reprocess_queues_the_document_again_and_unknown_ids_are_404()
    {
        var document = await UploadAndWaitAsync(Encoding.UTF8.GetBytes("# Again\n\nProcess me twice."), "again.md");
        var response = await _client.PostAsync($"/api/v1/documents/{document["id"]}/reprocess", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await _client.WaitForDocumentAsync((string)document["id"]!);
        Assert.Equal("processed", (string?)done["status"]);
        Assert.Equal((int)document["chunk_count"]!, (int)done["chunk_count"]!);

        await (await _client.PostAsync($"/api/v1/documents/{Guid.NewGuid()}/reprocess", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_download_url_works_without_a_key_until_tampered_with()
    {
        var bytes = Encoding.UTF8.GetBytes("# Download\n\nOriginal bytes.");
        var document = await UploadAndWaitAsync(bytes, "download.md");
        var link = await (await _client.GetAsync($"/api/v1/documents/{document["id"]}/download_url")).ReadObjectAsync();
        var url = new Uri((string)link["url"]!);
        Assert.True(DateTimeOffset.Parse((string)link["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        var anonymous = _factory.CreateClient();
        var download = await anonymous.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        var tampered = url.PathAndQuery.Replace("download.md", "other.md", StringComparison.Ordinal);
        await (await anonymous.GetAsync(tampered)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.GetAsync($"/api/v1/documents/{Guid.NewGuid()}/download_url")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Documents_are_listed_with_filters_and_need_the_admin_key()
    {
        await UploadAndWaitAsync(Encoding.UTF8.GetBytes("# Quiz bank\n\nQuestions."), "quiz.md", "quiz");
        await UploadAndWaitAsync(TestDocuments.ScannedPdf(), "scan.pdf", "reference");

        var quiz = await (await _client.GetAsync("/api/v1/documents?category=quiz")).ReadObjectAsync();
        var failed = await (await _client.GetAsync("/api/v1/documents?status=failed")).ReadObjectAsync();
        Assert.Equal("quiz.md", (string?)Assert.Single(quiz["items"]!.AsArray())!["file_name"]);
        Assert.Equal("scan.pdf", (string?)Assert.Single(failed["items"]!.AsArray())!["file_name"]);

        await (await _client.GetAsync("/api/v1/documents?status=lost&category=novel")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _factory.CreateIntegrationClient().GetAsync("/api/v1/documents")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _factory.Dispose();

    private static class ContentTypes
    {
        public const string Pdf = "application/pdf";
    }
}
