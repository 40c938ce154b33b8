using BmoLearning.Ai.Storage;
using BmoLearning.Core.Knowledge;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class StorageSetup
{
    /// <summary>
    /// Both object stores under their names, and IObjectStore as the one Storage:Provider names: local directory
    /// (default) or S3. The local store's directory and signing key default into the data directory.
    /// </summary>
    public static IServiceCollection AddBmoStorage(this IServiceCollection services)
    {
        services.AddOptions<S3StorageOptions>().BindConfiguration(S3StorageOptions.Section)
            .Validate<IOptions<StorageOptions>>((s3, storage) => storage.Value.Provider != ObjectStores.S3 || !string.IsNullOrWhiteSpace(s3.Bucket),
                "Storage:S3:Bucket is required when Storage:Provider is s3.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().PostConfigure<IOptions<BmoOptions>>(DefaultLocalStoreIntoDataDir);

        services.AddKeyedSingleton<IObjectStore, LocalObjectStore>(ObjectStores.Local);
        services.AddKeyedSingleton<IObjectStore, S3ObjectStore>(ObjectStores.S3);
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IObjectStore>(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider));
        return services;
    }

    private static void DefaultLocalStoreIntoDataDir(StorageOptions storage, IOptions<BmoOptions> bmo)
    {
        if (storage.Provider != ObjectStores.Local)
        {
            return; // An S3 deployment keeps nothing of the store in the data directory.
        }

        storage.LocalPath ??= Path.Combine(bmo.Value.DataDirFullPath, "documents");
        storage.SigningKey ??= DataDirSecrets.GetOrCreate(bmo.Value.DataDirFullPath, "storage-signing-key").Value;
    }
}
