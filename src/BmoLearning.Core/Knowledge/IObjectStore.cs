namespace BmoLearning.Core.Knowledge;

/// <summary>Where original documents are kept: a local directory (embedded default) or Amazon S3.</summary>
public interface IObjectStore
{
    string Name { get; }

    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct);

    /// <summary>The object's bytes, or null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; removing one that does not exist is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>A short-lived URL that downloads the object without an API key.</summary>
    Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken ct);
}
