using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.Keys;

/// <summary>A key as created or rotated: the row, and the secret that is shown this once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>A presented key that is valid now: its scope and public id.</summary>
public sealed record ApiKeyIdentity(string KeyId, string Scope);

/// <summary>Creates, lists, rotates and revokes managed API keys, and recognises them on requests.</summary>
public sealed class ApiKeyService(AppDbContext db, ApiKeyCache cache, TimeProvider time)
{
    public const string Prefix = "bmk_";
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public async Task<ServiceResult<IssuedApiKey>> CreateAsync(string? name, string? scope, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > ApiKey.MaxNameLength)
        {
            return ServiceResult<IssuedApiKey>.Invalid("name", $"is required, at most {ApiKey.MaxNameLength} characters.");
        }

        if (scope is null || !ApiKeyScopes.All.Contains(scope))
        {
            return ServiceResult<IssuedApiKey>.Invalid("scope", $"must be one of {string.Join(", ", ApiKeyScopes.All)}.");
        }

        if (expiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            return ServiceResult<IssuedApiKey>.Invalid("expires_at", "must be in the future.");
        }

        var issued = Issue(name.Trim(), scope, expiresAt, rotatedFrom: null);
        await db.SaveChangesAsync(ct);
        return ServiceResult<IssuedApiKey>.Ok(issued);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);

    /// <summary>A new secret for the same name, scope and expiry; the old key stops working at once.</summary>
    public async Task<ServiceResult<IssuedApiKey>> RotateAsync(Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return ServiceResult<IssuedApiKey>.NotFound($"API key {id} does not exist.");
        }

        if (key.RevokedAt is not null)
        {
            return ServiceResult<IssuedApiKey>.Conflict($"API key {id} is revoked; create a new one instead.");
        }

        key.RevokedAt = time.GetUtcNow();
        var issued = Issue(key.Name, key.Scope, key.ExpiresAt, key.Id);
        await db.SaveChangesAsync(ct);
        cache.Forget(key.KeyId);
        return ServiceResult<IssuedApiKey>.Ok(issued);
    }

    public async Task<ServiceResult<ApiKey>> RevokeAsync(Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return ServiceResult<ApiKey>.NotFound($"API key {id} does not exist.");
        }

        if (key.RevokedAt is not null)
        {
            return ServiceResult<ApiKey>.Conflict($"API key {id} is already revoked.");
        }

        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Forget(key.KeyId);
        return ServiceResult<ApiKey>.Ok(key);
    }

    /// <summary>Null unless the key is a managed key that exists, matches, is not revoked and has not expired.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (ParseKeyId(presented) is not { } keyId)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var key = await cache.GetAsync(keyId, now, () => db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyId == keyId, ct));
        if (key is null || key.RevokedAt is not null || key.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(key.SecretHash), Hash(presented)))
        {
            return null;
        }

        if (key.LastUsedAt is null || key.LastUsedAt < now - LastUsedResolution)
        {
            // Conditional, so many processes racing write once; the cached copy is marked so this process waits a minute.
            var cutoff = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < cutoff))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
            key.LastUsedAt = now;
        }

        return new ApiKeyIdentity(key.KeyId, key.Scope);
    }

    public static bool LooksManaged(string presented) => ParseKeyId(presented) is not null;

    private IssuedApiKey Issue(string name, string scope, DateTimeOffset? expiresAt, Guid? rotatedFrom)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = $"{Prefix}{keyId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey
        {
            KeyId = keyId,
            Name = name,
            Scope = scope,
            SecretHash = Convert.ToHexStringLower(Hash(secret)),
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
            RotatedFromId = rotatedFrom,
        };
        db.ApiKeys.Add(key);
        return new IssuedApiKey(key, secret);
    }

    private static string? ParseKeyId(string presented) =>
        presented.Length == Prefix.Length + 12 + 1 + 43 && presented.StartsWith(Prefix, StringComparison.Ordinal) && presented[Prefix.Length + 12] == '_'
        && !presented.AsSpan(Prefix.Length, 12).ContainsAnyExcept(HexDigits)
            ? presented.Substring(Prefix.Length, 12)
            : null;

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Managed keys as last read, for one second: a request does not read the table each time, and a revocation made by
/// any process is seen by every other within that second (issue 14 asks for 2 s).
/// </summary>
public sealed class ApiKeyCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset ReadAt)> _keys = new(StringComparer.Ordinal);

    public async Task<ApiKey?> GetAsync(string keyId, DateTimeOffset now, Func<Task<ApiKey?>> load)
    {
        if (_keys.TryGetValue(keyId, out var cached) && now - cached.ReadAt < Lifetime && now >= cached.ReadAt)
        {
            return cached.Key;
        }

        var key = await load();
        // Unknown ids are cached too (briefly), so guessing ids cannot make every request read the table; bounded in size.
        if (_keys.Count > 10_000)
        {
            _keys.Clear();
        }

        _keys[keyId] = (key, now);
        return key;
    }

    public void Forget(string keyId) => _keys.TryRemove(keyId, out _);
}
