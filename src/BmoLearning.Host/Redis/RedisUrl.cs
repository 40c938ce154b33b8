using System.Globalization;
using BmoLearning.Host.Hosting;
using StackExchange.Redis;

namespace BmoLearning.Host.Redis;

/// <summary>Turns REDIS_URL (redis:// or rediss:// URI, or a StackExchange.Redis configuration string) into options.</summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string value)
    {
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return ConfigurationOptions.Parse(text);
        }

        // Messages never repeat the URL: it may carry a password.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host))
        {
            throw new BmoConfigurationException("REDIS_URL (Redis:Url) must look like redis://host:6379 or rediss://host:6379 (TLS).");
        }

        var tls = uri.Scheme == "rediss";
        var options = new ConfigurationOptions
        {
            Ssl = tls,
            SslHost = tls ? uri.Host : null,
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? string.Empty : uri.UserInfo[..colon]);
            var password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
            options.User = string.IsNullOrEmpty(user) ? null : user;
            options.Password = string.IsNullOrEmpty(password) ? null : password;
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
            {
                throw new BmoConfigurationException("REDIS_URL (Redis:Url) path must be a database number, e.g. redis://host:6379/0.");
            }

            options.DefaultDatabase = db;
        }

        return options;
    }
}
