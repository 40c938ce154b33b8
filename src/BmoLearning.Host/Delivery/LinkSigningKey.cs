using System.Security.Cryptography;
using BmoLearning.Core.Delivery;
using BmoLearning.Host.Hosting;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Delivery;

/// <summary>
/// The lesson-link HMAC key: Delivery:LinkSigningKey when set. The embedded default (auto-migrate on)
/// generates one into the data directory, like the admin key; separate roles must share a configured key.
/// </summary>
public static class LinkSigningKey
{
    public const string FileName = "link-signing-key";

    public static IServiceCollection AddLinkSigningKey(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .PostConfigure<IOptions<BmoOptions>, DatabaseTarget>((delivery, bmo, database) =>
            {
                if (string.IsNullOrEmpty(delivery.LinkSigningKey) && (bmo.Value.AutoMigrate ?? !database.IsPostgres))
                {
                    delivery.LinkSigningKey = LoadOrCreate(bmo.Value.DataDirFullPath);
                }
            })
            .Validate(d => d.LinkSigningKey is { Length: >= 32 },
                "Delivery:LinkSigningKey (BMO_LINK_SIGNING_KEY) is required when roles run apart on PostgreSQL (or with Bmo:AutoMigrate false): "
                + "lesson links signed by one role must verify on another; set it to the same random string of at least 32 characters for every role.");
        return services;
    }

    private static string LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDir);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, fileOptions);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same data directory created it first.
            return File.ReadAllText(path).Trim();
        }
    }
}
