using System.Text;
using BmoLearning.Ai.Storage;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class StorageSetup
{
    /// <summary>The object store chosen by Storage:Provider: local directory (default) or S3.</summary>
    public static IServiceCollection AddBmoStorage(this IServiceCollection services)
    {
        services.AddOptions<S3StorageOptions>().BindConfiguration(S3StorageOptions.Section)
            .Validate<IOptions<StorageOptions>>((s3, storage) => storage.Value.Provider != "s3" || !string.IsNullOrWhiteSpace(s3.Bucket),
                "Storage:S3:Bucket is required when Storage:Provider is s3.")
            .ValidateOnStart();
        services.AddSingleton<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return options.Provider == "s3"
                ? CreateS3(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value, time)
                : CreateLocal(options, sp.GetRequiredService<IOptions<BmoOptions>>().Value, time);
        });
        return services;
    }

    private static LocalObjectStore CreateLocal(StorageOptions options, BmoOptions bmo, TimeProvider time)
    {
        var root = options.LocalPath ?? Path.Combine(bmo.DataDirFullPath, "documents");
        var key = options.SigningKey ?? DataDirSecrets.GetOrCreate(bmo.DataDirFullPath, "storage-signing-key").Value;
        return new LocalObjectStore(root, Encoding.UTF8.GetBytes(key), time);
    }

    private static S3ObjectStore CreateS3(S3StorageOptions options, TimeProvider time) =>
        new(S3ObjectStore.CreateClient(options), options, time);
}
