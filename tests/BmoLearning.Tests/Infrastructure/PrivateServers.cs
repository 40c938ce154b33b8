using System.Diagnostics;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL and a Redis of the test's own (scripts/services.sh on free ports and a temporary directory),
/// for tests that stop and restart them without disturbing the servers every other test uses.
/// </summary>
internal sealed class PrivateServers : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private PrivateServers(int postgresPort, int redisPort, string directory)
    {
        PostgresPort = postgresPort;
        RedisPort = redisPort;
        _environment = new()
        {
            ["BMO_SERVICES_DIR"] = directory,
            ["BMO_PG_PORT"] = postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BMO_REDIS_PORT"] = redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public int PostgresPort { get; }

    public int RedisPort { get; }

    public string DatabaseUrl(string database) => $"postgres://postgres:unused@127.0.0.1:{PostgresPort}/{database}";

    public string RedisUrl => $"redis://127.0.0.1:{RedisPort}";

    public static async Task<PrivateServers> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"bmo-private-{Guid.NewGuid():N}");
        var servers = new PrivateServers(FreePort.Find(), FreePort.Find(), directory);
        await servers.RunAsync("start");
        return servers;
    }

    /// <summary>Both servers stop at once, as in an outage; their data stays (Redis keeps none: it has no persistence).</summary>
    public Task HaltAsync() => RunAsync("halt");

    public Task ResumeAsync() => RunAsync("resume");

    public async Task CreateDatabaseAsync(string name)
    {
        using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private async Task RunAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ScriptPath());
        info.ArgumentList.Add(command);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {command} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "services.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/services.sh not found above the test directory.");
    }
}
