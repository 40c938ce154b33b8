using BmoLearning.Core.Governance.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.KeyId).HasMaxLength(12);
        builder.HasIndex(k => k.KeyId).IsUnique();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        builder.Property(k => k.Scope).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
    }
}
