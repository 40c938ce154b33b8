using BmoLearning.Core.Governance.DataRights;
using BmoLearning.Host.Hosting;
using BmoLearning.Host.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace BmoLearning.Host.Governance;

/// <summary>
/// Scrubs the Hangfire job store this process uses. Jobs take ids, but their states keep exception messages (an SMTP
/// refusal quotes the address), so every stored text is searched: each table of jobs.db or of the PostgreSQL job
/// schema, or each key under the Redis prefix. The values are replaced in place, keeping the jobs readable.
/// </summary>
public sealed class JobStoreScrubber(
    SelectedJobStorage storage, IOptions<JobsOptions> jobs, IOptions<BmoOptions> bmo, DatabaseTarget database, IServiceProvider services)
    : IJobStoreScrubber
{
    /// <summary>
    /// Shorter values are left alone: a four-letter name also spells parts of type names in the jobs' invocation data,
    /// and replacing it there would break every job.
    /// </summary>
    public const int ShortestScrubbedValue = 5;

    public Task<int> ScrubAsync(IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var scrubbed = values.Where(v => v.Length >= ShortestScrubbedValue).ToList();
        return scrubbed.Count == 0 ? Task.FromResult(0) : storage.Kind switch
        {
            JobStorageKind.Postgres => ScrubPostgresAsync(scrubbed, ct),
            JobStorageKind.Redis => ScrubRedisAsync(scrubbed),
            _ => ScrubSqliteAsync(scrubbed, ct),
        };
    }

    private async Task<int> ScrubSqliteAsync(IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var path = Path.Combine(bmo.Value.DataDirFullPath, "jobs.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;", ct);
        var columns = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var changed = 0;
        foreach (var (table, column) in columns)
        {
            foreach (var value in values)
            {
                await using var command = connection.CreateCommand();
                // instr is case-sensitive; lower() on both sides finds the address however it was spelt.
                command.CommandText = $"""
                    UPDATE "{table}" SET "{column}" = replace(replace("{column}", $value, $placeholder), lower($value), $placeholder)
                    WHERE typeof("{column}") = 'text' AND instr(lower("{column}"), lower($value)) > 0
                    """;
                command.Parameters.AddWithValue("$value", value);
                command.Parameters.AddWithValue("$placeholder", PersonalData.Placeholder);
                changed += await command.ExecuteNonQueryAsync(ct);
            }
        }

        // Hangfire's own deletes ran without secure_delete: rebuilding the file leaves no free page behind, and the
        // checkpoint empties the write-ahead log.
        await ExecuteAsync(connection, "VACUUM;", ct);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", ct);
        return changed;
    }

    private async Task<int> ScrubPostgresAsync(IReadOnlyCollection<string> values, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var command = new NpgsqlCommand("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = @schema AND data_type IN ('text', 'character varying', 'jsonb', 'json')
            """, connection))
        {
            command.Parameters.AddWithValue("schema", jobs.Value.PostgresSchema);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var schema = jobs.Value.PostgresSchema.Replace("\"", "\"\"", StringComparison.Ordinal);
        var changed = 0;
        foreach (var (table, column, type) in columns)
        {
            var cast = type is "jsonb" or "json" ? $"::{type}" : "";
            foreach (var value in values)
            {
                await using var command = new NpgsqlCommand($"""
                    UPDATE "{schema}"."{table}" SET "{column}" = regexp_replace("{column}"::text, @pattern, @placeholder, 'gi'){cast}
                    WHERE strpos(lower("{column}"::text), lower(@value)) > 0
                    """, connection);
                command.Parameters.AddWithValue("value", value);
                command.Parameters.AddWithValue("pattern", RegexEscape(value));
                command.Parameters.AddWithValue("placeholder", PersonalData.Placeholder);
                changed += await command.ExecuteNonQueryAsync(ct);
            }
        }

        return changed;
    }

    private async Task<int> ScrubRedisAsync(IReadOnlyCollection<string> values)
    {
        var multiplexer = services.GetRequiredService<RedisConnection>().Multiplexer;
        var redis = multiplexer.GetDatabase();
        var prefix = jobs.Value.RedisPrefix;
        var changed = 0;
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: GlobEscape(prefix) + "*", pageSize: 500))
            {
                changed += await ScrubKeyAsync(redis, key, values);
            }
        }

        return changed;
    }

    private static async Task<int> ScrubKeyAsync(IDatabase redis, RedisKey key, IReadOnlyCollection<string> values)
    {
        var changed = 0;
        switch (await redis.KeyTypeAsync(key))
        {
            case RedisType.String:
                if (Scrubbed(await redis.StringGetAsync(key), values) is { } scrubbedString)
                {
                    await redis.StringSetAsync(key, scrubbedString, expiry: null, keepTtl: true);
                    changed++;
                }

                break;
            case RedisType.Hash:
                foreach (var field in await redis.HashGetAllAsync(key))
                {
                    if (Scrubbed(field.Value, values) is { } text)
                    {
                        await redis.HashSetAsync(key, field.Name, text);
                        changed++;
                    }
                }

                break;
            case RedisType.List:
                var items = await redis.ListRangeAsync(key);
                for (var i = 0; i < items.Length; i++)
                {
                    if (Scrubbed(items[i], values) is { } text)
                    {
                        await redis.ListSetByIndexAsync(key, i, text);
                        changed++;
                    }
                }

                break;
            case RedisType.Set:
                foreach (var member in await redis.SetMembersAsync(key))
                {
                    if (Scrubbed(member, values) is { } text)
                    {
                        await redis.SetRemoveAsync(key, member);
                        await redis.SetAddAsync(key, text);
                        changed++;
                    }
                }

                break;
            case RedisType.SortedSet:
                foreach (var entry in await redis.SortedSetRangeByRankWithScoresAsync(key))
                {
                    if (Scrubbed(entry.Element, values) is { } text)
                    {
                        await redis.SortedSetRemoveAsync(key, entry.Element);
                        await redis.SortedSetAddAsync(key, text, entry.Score);
                        changed++;
                    }
                }

                break;
        }

        return changed;
    }

    /// <summary>The scrubbed text, or null when the value held none of the values.</summary>
    private static string? Scrubbed(RedisValue value, IReadOnlyCollection<string> values)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var text = (string)value!;
        var scrubbed = PersonalData.Scrub(text, values);
        return scrubbed == text ? null : scrubbed;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string RegexEscape(string value) => System.Text.RegularExpressions.Regex.Replace(value, @"[.*+?^${}()|\[\]\\]", @"\$0");

    private static string GlobEscape(string value) => System.Text.RegularExpressions.Regex.Replace(value, @"[*?\[\]\\]", @"\$0");
}
