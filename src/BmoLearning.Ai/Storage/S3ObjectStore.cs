using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace BmoLearning.Ai.Storage;

/// <summary>Objects in an S3 bucket under a prefix; downloads through presigned GET URLs.</summary>
public sealed class S3ObjectStore(IAmazonS3 s3, S3StorageOptions options, TimeProvider time) : IObjectStore
{
    /// <summary>The store the host configures from Storage:S3.</summary>
    public S3ObjectStore(IOptions<S3StorageOptions> options, TimeProvider time)
        : this(CreateClient(options.Value), options.Value, time)
    {
    }

    public string Name => "s3";

    /// <summary>
    /// A client for AWS (region, default credential chain: the ECS task role) or, with a service URL,
    /// an S3-compatible server. Those often lack the newer aws-chunked checksum uploads, so checksums
    /// are sent only where required there.
    /// </summary>
    public static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
            config.UseHttp = options.ServiceUrl.StartsWith("http:", StringComparison.OrdinalIgnoreCase);
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region ?? "us-east-2");
        }

        return string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket,
            Key = FullKey(key),
            InputStream = stream,
            ContentType = contentType,
            // The bytes are in memory: sign the whole payload instead of streaming aws-chunked frames.
            UseChunkEncoding = false,
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
            Protocol = s3.Config.ServiceURL?.StartsWith("http:", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            Expires = time.GetUtcNow().Add(lifetime).UtcDateTime,
            ResponseHeaderOverrides = { ContentDisposition = $"attachment; filename=\"{fileName.Replace("\"", string.Empty, StringComparison.Ordinal)}\"" },
        });
        return new Uri(url);
    }

    private string FullKey(string key) => options.Prefix + key;
}
