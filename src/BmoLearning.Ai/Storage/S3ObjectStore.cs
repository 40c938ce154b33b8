using Amazon.S3;
using Amazon.S3.Model;
using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Storage;

/// <summary>Objects in an S3 bucket under a prefix; downloads through presigned GET URLs.</summary>
public sealed class S3ObjectStore(IAmazonS3 s3, S3StorageOptions options, TimeProvider time) : IObjectStore
{
    public string Name => "s3";

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = FullKey(key),
            InputStream = stream,
            ContentType = contentType,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, ct);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(options.Bucket, FullKey(key), ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await s3.DeleteObjectAsync(options.Bucket, FullKey(key), ct);

    public async Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken ct)
    {
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = options.Bucket,
            Key = FullKey(key),
            Verb = HttpVerb.GET,
            Expires = time.GetUtcNow().Add(lifetime).UtcDateTime,
            ResponseHeaderOverrides = { ContentDisposition = $"attachment; filename=\"{fileName.Replace("\"", string.Empty, StringComparison.Ordinal)}\"" },
        });
        return new Uri(url);
    }

    private string FullKey(string key) => options.Prefix + key;
}
