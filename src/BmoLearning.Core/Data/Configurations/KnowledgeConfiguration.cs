using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> builder)
    {
        builder.ToTable("knowledge_documents");
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.SourceKey).HasMaxLength(1024);
        builder.HasIndex(d => d.SourceKey).IsUnique();
        builder.Property(d => d.FileName).HasMaxLength(255);
        builder.Property(d => d.ContentType).HasMaxLength(128);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.HasIndex(d => d.ContentHash);
        builder.Property(d => d.Error).HasMaxLength(2000);
        builder.Property(d => d.SafetyFlag).HasMaxLength(500);
        builder.Property(d => d.StorageKey).HasMaxLength(512);
        builder.Property(d => d.Metadata).HasJsonConversion();
        builder.Property(d => d.Timings).HasJsonConversion();
        builder.HasIndex(d => new { d.Category, d.Status });
        // Source versions (issue 14): documents from before versioning are version 1.
        builder.Property(d => d.Version).HasDefaultValue(1);
        builder.HasIndex(d => d.PreviousVersionId);
    }
}

internal sealed class KnowledgeChunkConfiguration : IEntityTypeConfiguration<KnowledgeChunk>
{
    public void Configure(EntityTypeBuilder<KnowledgeChunk> builder)
    {
        builder.ToTable("knowledge_chunks");
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.HeadingPath).HasMaxLength(1000);
        builder.Property(c => c.ContentHash).HasMaxLength(64);
        builder.Property(c => c.SafetyFlag).HasMaxLength(200);
        builder.HasIndex(c => new { c.DocumentId, c.Position }).IsUnique();
        builder.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
