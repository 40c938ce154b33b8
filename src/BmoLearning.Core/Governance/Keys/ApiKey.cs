namespace BmoLearning.Core.Governance.Keys;

/// <summary>
/// An API key managed as data (issue 14). Only the SHA-256 of the secret is stored; the public key id (part of the
/// presented key) finds the row without scanning. Rotation revokes the old row and creates a new one.
/// </summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>12 lower-case hex characters, unique: the "bmk_&lt;key id&gt;_" part of the key, shown in lists and the audit log.</summary>
    public required string KeyId { get; set; }
    public required string Name { get; set; }
    /// <summary>admin, integration or analytics (read-only analytics).</summary>
    public required string Scope { get; set; }
    /// <summary>Hex SHA-256 of the whole presented key.</summary>
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Updated at most once a minute, so a busy key does not write on every request.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The key this one replaced by rotation.</summary>
    public Guid? RotatedFromId { get; set; }
}
