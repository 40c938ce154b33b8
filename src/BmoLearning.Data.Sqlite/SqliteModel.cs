using BmoLearning.Core.Data;
using BmoLearning.Core.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BmoLearning.Data.Sqlite;

/// <summary>
/// What the model changes on SQLite: the embedding as a float32 BLOB (the index searches it in C#), and every
/// DateTimeOffset as a sortable integer, because SQLite cannot order or compare DateTimeOffset. Applied after the
/// shared model (AppDbContext.OnModelCreating) by replacing EF's model customizer. The FTS5 keyword index is
/// created by the migrations (KeywordIndexSql).
/// </summary>
public sealed class SqliteModel(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<KnowledgeChunk>().Property(c => c.Embedding)
            .HasConversion(EmbeddingConversion.ToBytes, EmbeddingConversion.Comparer);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (Nullable.GetUnderlyingType(property.ClrType) is { } underlying ? underlying == typeof(DateTimeOffset) : property.ClrType == typeof(DateTimeOffset))
            {
                property.SetValueConverter(typeof(DateTimeOffsetToBinaryConverter));
            }
        }
    }
}
