using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using Amazon.S3;
using BmoLearning.Ai.Storage;
using BmoLearning.Core.Knowledge;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BmoLearning.Tests.Knowledge;

public sealed class S3ObjectStoreTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    private S3StorageOptions Options(string bucket = S3rverFixture.Bucket) => new()
    {
        Bucket = bucket,
        Prefix = "documents/",
        ServiceUrl = s3rver.ServiceUrl,
        ForcePathStyle = true,
        AccessKeyId = S3rverFixture.AccessKey,
        SecretAccessKey = S3rverFixture.SecretKey,
    };

    private S3ObjectStore Store(string bucket = S3rverFixture.Bucket) => new(S3ObjectStore.CreateClient(Options(bucket)), Options(bucket), TimeProvider.System);

    [Fact]
    public async Task Objects_round_trip_through_a_real_s3_server()
    {
        var store = Store();
        var bytes = Encoding.UTF8.GetBytes("# Policy\n\nOriginal text.");
        await store.PutAsync("documents/abc/original.md", bytes, "text/markdown", CancellationToken.None);

        Assert.Equal(bytes, await store.GetAsync("documents/abc/original.md", CancellationToken.None));
        await store.DeleteAsync("documents/abc/original.md", CancellationToken.None);
        Assert.Null(await store.GetAsync("documents/abc/original.md", CancellationToken.None));
        await store.DeleteAsync("documents/abc/original.md", CancellationToken.None);
    }

    [Fact]
    public async Task A_presigned_url_downloads_the_object_without_credentials()
    {
        var store = Store();
        var bytes = Encoding.UTF8.GetBytes("presigned body");
        await store.PutAsync("signed/file.txt", bytes, "text/plain", CancellationToken.None);

        var url = await store.GetDownloadUrlAsync("signed/file.txt", "file.txt", TimeSpan.FromMinutes(5), CancellationToken.None);
        using var http = new HttpClient();
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("X-Amz-Signature", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_not_a_silent_success()
    {
        var store = Store("no-such-bucket");
        await Assert.ThrowsAsync<AmazonS3Exception>(() => store.PutAsync("k", new byte[] { 1 }, "text/plain", CancellationToken.None));
    }
}

public sealed class LocalObjectStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Signed_links_expire_and_reject_tampering()
    {
        var store = new LocalObjectStore(TempDirectory.Create("objects"), "key"u8.ToArray(), _time);
        await store.PutAsync("documents/a/original.md", "x"u8.ToArray(), "text/markdown", CancellationToken.None);
        var url = await store.GetDownloadUrlAsync("documents/a/original.md", "a.md", TimeSpan.FromMinutes(5), CancellationToken.None);
        var query = System.Web.HttpUtility.ParseQueryString(url.OriginalString.Split('?')[1]);
        var expires = long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(store.Verify(query["key"]!, query["name"]!, expires, query["signature"]!));
        Assert.False(store.Verify("documents/b/original.md", query["name"]!, expires, query["signature"]!));
        Assert.False(store.Verify(query["key"]!, query["name"]!, expires + 3600, query["signature"]!));
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(store.Verify(query["key"]!, query["name"]!, expires, query["signature"]!));
    }

    [Fact]
    public async Task Keys_cannot_escape_the_storage_directory()
    {
        var store = new LocalObjectStore(TempDirectory.Create("objects"), "key"u8.ToArray(), _time);
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("../../escape.txt", "x"u8.ToArray(), "text/plain", CancellationToken.None));
    }
}

public sealed class ObjectStoreSelectionTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, string dataDir)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new BmoLearning.Host.Hosting.BmoOptions { DataDir = dataDir }));
        BmoLearning.Host.Hosting.StorageSetup.AddBmoStorage(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_default_store_is_a_directory_in_the_data_dir_with_a_generated_signing_key()
    {
        var dataDir = TempDirectory.Create("store-default");
        await using var provider = Services([], dataDir);

        var store = provider.GetRequiredService<IObjectStore>();
        await store.PutAsync("a/b.txt", "x"u8.ToArray(), "text/plain", CancellationToken.None);

        Assert.IsType<LocalObjectStore>(store);
        Assert.True(File.Exists(Path.Combine(dataDir, "documents", "a", "b.txt")));
        Assert.True(File.Exists(Path.Combine(dataDir, "storage-signing-key")));
    }

    [Fact]
    public async Task Storage_provider_s3_selects_the_s3_store_and_writes_nothing_to_the_data_dir()
    {
        var dataDir = TempDirectory.Create("store-s3");
        await using var provider = Services(new() { ["Storage:Provider"] = "s3", ["Storage:S3:Bucket"] = "b", ["Storage:S3:Region"] = "ca-central-1" }, dataDir);

        Assert.IsType<S3ObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.Empty(Directory.GetFileSystemEntries(dataDir));
    }
}
