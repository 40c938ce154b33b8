namespace BmoLearning.Ai.Storage;

/// <summary>The S3 object store (section "Storage:S3"), used when Storage:Provider is s3.</summary>
public sealed class S3StorageOptions
{
    public const string Section = "Storage:S3";

    public string? Bucket { get; set; }

    /// <summary>Key prefix inside the bucket, e.g. "documents/".</summary>
    public string Prefix { get; set; } = string.Empty;

    public string? Region { get; set; }

    /// <summary>An S3-compatible endpoint (tests use s3rver); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    public bool ForcePathStyle { get; set; }

    /// <summary>Only for S3-compatible servers without IAM; on AWS the task role's credentials are used.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}
