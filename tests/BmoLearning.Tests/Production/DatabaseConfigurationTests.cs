using BmoLearning.Host.Hosting;
using BmoLearning.Host.Redis;
using Npgsql;

namespace BmoLearning.Tests.Production;

/// <summary>How the reference system's environment (DATABASE_URL, REDIS_URL) and the Terraform's Database__* settings select a database.</summary>
public sealed class DatabaseConfigurationTests
{
    private static readonly BmoOptions Bmo = new() { DataDir = "/tmp/bmo-config-test" };

    [Fact]
    public void Nothing_configured_is_the_embedded_sqlite_file()
    {
        var target = DatabaseTarget.Resolve(new DatabaseOptions(), Bmo);
        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains("/tmp/bmo-config-test/bmo.db", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_url_selects_postgres_with_its_parts_tls_mode_and_pools_that_empty_when_idle()
    {
        var target = DatabaseTarget.Resolve(new DatabaseOptions { Url = "postgres://bmo_app:p%40ss%3Aword@db.example.internal:6432/bmo?sslmode=require" }, Bmo);

        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal("db.example.internal", builder.Host);
        Assert.Equal(6432, builder.Port);
        Assert.Equal("bmo", builder.Database);
        Assert.Equal("bmo_app", builder.Username);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(0, builder.MinPoolSize);
        Assert.True(builder.ConnectionIdleLifetime <= 60);
        Assert.Equal("PostgreSQL at db.example.internal:6432, database bmo", target.Describe());
    }

    [Fact]
    public void The_terraform_settings_select_postgres_from_separate_parts()
    {
        // infrastructure/terraform/environments/prod/main.tf: Database__Provider/Host/Port/Name/Username, Database__Password from the secret.
        var target = DatabaseTarget.Resolve(new DatabaseOptions
        {
            Provider = "postgres",
            Host = "bmo-learning-prod.cluster-abc.us-east-2.rds.amazonaws.com",
            Port = 5432,
            Name = "bmo_learning",
            Username = "bmo_admin",
            Password = "from-secrets-manager",
        }, Bmo);

        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal("bmo-learning-prod.cluster-abc.us-east-2.rds.amazonaws.com", builder.Host);
        Assert.Equal("bmo_learning", builder.Database);
        Assert.Equal("bmo_admin", builder.Username);
        Assert.Equal("from-secrets-manager", builder.Password);
    }

    [Theory]
    [InlineData("mysql://root:hunter2@db/bmo")]
    [InlineData("postgres://root:hunter2@db")]
    [InlineData("not a url hunter2")]
    public void A_malformed_database_url_is_refused_without_repeating_it(string url)
    {
        var error = Assert.Throws<BmoConfigurationException>(() => DatabaseTarget.Resolve(new DatabaseOptions { Url = url }, Bmo));
        Assert.Contains("DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_postgres_without_a_server_names_the_settings_to_add()
    {
        var error = Assert.Throws<BmoConfigurationException>(() => DatabaseTarget.Resolve(new DatabaseOptions { Provider = "postgres" }, Bmo));
        Assert.Contains("DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.Throws<BmoConfigurationException>(() => DatabaseTarget.Resolve(new DatabaseOptions { Provider = "oracle" }, Bmo));
    }

    [Fact]
    public void A_rediss_url_turns_on_tls_and_keeps_the_credentials_and_database()
    {
        var options = RedisUrl.Parse("rediss://default:s3cret@cache.example.internal:6380/2");
        Assert.True(options.Ssl);
        Assert.Equal("cache.example.internal", options.SslHost);
        Assert.EndsWith("cache.example.internal:6380", options.EndPoints.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal("default", options.User);
        Assert.Equal("s3cret", options.Password);
        Assert.Equal(2, options.DefaultDatabase);

        var plain = RedisUrl.Parse("redis://127.0.0.1:6390");
        Assert.False(plain.Ssl);
        Assert.Null(plain.Password);
        Assert.Throws<BmoConfigurationException>(() => RedisUrl.Parse("http://127.0.0.1:6390"));
    }

    [Theory]
    [InlineData(null, false, false, JobStorageKind.Sqlite)]
    [InlineData(null, true, false, JobStorageKind.Postgres)]
    [InlineData("redis", true, true, JobStorageKind.Redis)]
    [InlineData("redis", false, true, JobStorageKind.Redis)]
    public void Job_storage_defaults_to_the_database_and_follows_jobs_storage(string? storage, bool postgres, bool redis, JobStorageKind expected)
    {
        var database = postgres ? new DatabaseTarget(DatabaseProvider.Postgres, "Host=db;Database=bmo") : new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=x");
        var kind = JobStorageChoice.Resolve(new JobsOptions { Storage = storage }, database, new RedisOptions { Url = redis ? "redis://cache:6379" : null });
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Job_storage_that_is_not_configured_is_refused_with_the_setting_to_add()
    {
        var sqlite = new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=x");
        var noRedis = new RedisOptions();
        Assert.Contains("REDIS_URL", Assert.Throws<BmoConfigurationException>(() => JobStorageChoice.Resolve(new JobsOptions { Storage = "redis" }, sqlite, noRedis)).Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL", Assert.Throws<BmoConfigurationException>(() => JobStorageChoice.Resolve(new JobsOptions { Storage = "postgres" }, sqlite, noRedis)).Message, StringComparison.Ordinal);
        Assert.Throws<BmoConfigurationException>(() => JobStorageChoice.Resolve(new JobsOptions { Storage = "memory" }, sqlite, noRedis));
    }
}
