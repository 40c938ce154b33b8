using System.Globalization;
using Npgsql;

namespace BmoLearning.Host.Hosting;

/// <summary>Parses the reference system's DATABASE_URL form: postgres://user:password@host:port/database?sslmode=require.</summary>
public static class PostgresUrl
{
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        // Messages never repeat the URL: it carries the password.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new BmoConfigurationException("DATABASE_URL (Database:Url) must look like postgres://user:password@host:5432/database.");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (string.IsNullOrEmpty(uri.Host) || string.IsNullOrEmpty(database))
        {
            throw new BmoConfigurationException("DATABASE_URL (Database:Url) must name a host and a database: postgres://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var (key, value) in Query(uri.Query))
        {
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = ParseSslMode(value, "DATABASE_URL sslmode");
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var timeout) && timeout > 0
                        ? timeout
                        : throw new BmoConfigurationException("DATABASE_URL (Database:Url) connect_timeout must be a whole number of seconds.");
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    // Other libpq parameters (sslrootcert, options, ...) have no safe one-to-one mapping: ignore them.
                    break;
            }
        }

        return builder;
    }

    public static SslMode ParseSslMode(string value, string setting) => value.Trim().ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new BmoConfigurationException($"{setting} '{value}' is not supported: use disable, allow, prefer, require, verify-ca or verify-full."),
    };

    private static IEnumerable<(string Key, string Value)> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Uri.UnescapeDataString(parts[0]).ToLowerInvariant(), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty));
}
