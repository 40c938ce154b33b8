using System.ComponentModel.DataAnnotations;

namespace BmoLearning.Core.Knowledge;

/// <summary>Object storage and upload limits (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>local (a directory under the data directory) or s3.</summary>
    [RegularExpression("^(local|s3)$", ErrorMessage = "Storage:Provider must be local or s3.")]
    public string Provider { get; set; } = "local";

    /// <summary>Directory for the local store; default: documents/ in the data directory.</summary>
    public string? LocalPath { get; set; }

    /// <summary>HMAC key for local download URLs; default: generated into the data directory.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Largest accepted upload, in bytes (default 25 MB).</summary>
    [Range(1, 1L << 32)]
    public long MaxUploadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How long a download URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    // The S3 bucket and credentials are the storage adapter's (BmoLearning.Ai.Storage.S3StorageOptions, section "Storage:S3").
}
