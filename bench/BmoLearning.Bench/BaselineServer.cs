using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace BmoLearning.Bench;

/// <summary>
/// The minimal ASP.NET Core + SQLite service of bench/BmoLearning.Bench.Baseline as a separate process on loopback,
/// reading a consistent copy (VACUUM INTO) of the database `bmo serve` uses.
/// </summary>
internal sealed class BaselineServer : IDisposable
{
    private BaselineServer(Process process, HttpClient client, string database)
    {
        Process = process;
        Client = client;
        Database = database;
    }

    public Process Process { get; }

    public HttpClient Client { get; }

    public string Database { get; }

    /// <summary>Starts the baseline on a copy of <paramref name="sourceDatabase"/>, or on an empty file when it is null (memory baseline).</summary>
    public static async Task<BaselineServer> StartAsync(string? sourceDatabase, string key, bool workstationGc = true)
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("bmo-bench-baseline").FullName, "baseline.db");
        await using (var connection = new SqliteConnection(sourceDatabase is null ? $"Data Source={copy}" : $"Data Source={sourceDatabase};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            if (sourceDatabase is not null)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $copy";
                command.Parameters.AddWithValue("$copy", copy);
                await command.ExecuteNonQueryAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        var port = ApiBench.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "bmo-baseline.dll"), "--urls", $"http://127.0.0.1:{port}", "--db", copy, "--key", key })
        {
            start.ArgumentList.Add(arg);
        }

        // The API bench runs `bmo serve` with workstation GC; the memory bench leaves both programs as shipped.
        if (workstationGc)
        {
            start.Environment["DOTNET_gcServer"] = "0";
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[baseline] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        await ApiBench.WaitForHealthAsync(client, "/health");
        return new BaselineServer(process, client, copy);
    }

    /// <summary>
    /// A fair comparison needs the same work: both services must answer the same JSON for the fields the baseline
    /// serves (issue 10's progress). Fields bmo added since (issue 12's mastery and memory) are extra work on bmo's
    /// side, which is what the "within 2x of before" check measures; they are named, not compared.
    /// </summary>
    public async Task CheckSameAnswerAsync(HttpClient bmo, string path)
    {
        var expected = JsonNode.Parse(await bmo.GetStringAsync(path))!.AsObject();
        var actual = JsonNode.Parse(await Client.GetStringAsync(path))!.AsObject();
        var extra = expected.Select(p => p.Key).Where(k => !actual.ContainsKey(k)).ToList();
        foreach (var key in extra)
        {
            expected.Remove(key);
        }

        if (extra.Count > 0)
        {
            Console.WriteLine($"bmo's progress also returns {string.Join(", ", extra)} (not in the baseline: extra work on bmo's side)");
        }

        if (!JsonNode.DeepEquals(expected, actual))
        {
            throw new InvalidOperationException($"The baseline answers differently from bmo:\n{actual}\nvs\n{expected}");
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
        File.Delete(Database);
    }
}
