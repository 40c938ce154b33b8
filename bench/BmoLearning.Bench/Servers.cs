using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BmoLearning.Bench;

/// <summary>The PostgreSQL and Redis a production benchmark runs against (scripts/services.sh), and `bmo` processes.</summary>
internal sealed record Servers(string Postgres, string? Redis)
{
    /// <summary>From --postgres / --redis, or BMO_TEST_POSTGRES / BMO_TEST_REDIS as scripts/services.sh prints them.</summary>
    public static Servers? FromArgs(string[] args)
    {
        var postgres = Option(args, "--postgres") ?? System.Environment.GetEnvironmentVariable("BMO_TEST_POSTGRES");
        var redis = Option(args, "--redis") ?? System.Environment.GetEnvironmentVariable("BMO_TEST_REDIS");
        return string.IsNullOrEmpty(postgres) ? null : new Servers(postgres, string.IsNullOrEmpty(redis) ? null : redis);
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public string CreateDatabase(string prefix, string? template = null)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        Execute(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }

    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    public string DatabaseUrl(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(Postgres);
        return $"postgres://{builder.Username ?? "postgres"}:{builder.Password ?? "unused"}@{builder.Host}:{builder.Port}/{database}";
    }

    public Dictionary<string, string> Environment(string database, string jobs)
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = DatabaseUrl(database),
            ["Jobs__Storage"] = jobs,
            // Roles that run apart share a configured link signing key, as in production.
            ["BMO_LINK_SIGNING_KEY"] = "bench-link-signing-key-0123456789abcdef",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        if (Redis is not null)
        {
            env["REDIS_URL"] = $"redis://{Redis}";
            env["Jobs__RedisPrefix"] = $"{{bmo-bench-{Guid.NewGuid():N}}}:";
        }

        return env;
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static Process StartBmo(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bmo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[bmo] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task RunBmoAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        using var process = StartBmo(args, environment);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bmo {string.Join(' ', args)} exited with {process.ExitCode}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
