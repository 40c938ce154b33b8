using BmoLearning.Core.Delivery;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class LessonDeliveryConfiguration : IEntityTypeConfiguration<LessonDelivery>
{
    public void Configure(EntityTypeBuilder<LessonDelivery> builder)
    {
        builder.ToTable("lesson_deliveries");
        builder.Property(d => d.IdempotencyKey).HasMaxLength(80);
        builder.HasIndex(d => d.IdempotencyKey).IsUnique();
        builder.Property(d => d.Error).HasMaxLength(1000);
        builder.Property(d => d.ProviderMessageId).HasMaxLength(200);
        builder.Property(d => d.ProviderChannelId).HasMaxLength(64);
        builder.HasIndex(d => new { d.LearnerId, d.Channel, d.SentAt });
        builder.HasIndex(d => d.LessonId);
        // Analytics (issue 13): the channel funnel reads deliveries by period.
        builder.HasIndex(d => d.CreatedAt);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(d => d.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Learner>().WithMany().HasForeignKey(d => d.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookReceiptConfiguration : IEntityTypeConfiguration<WebhookReceipt>
{
    public void Configure(EntityTypeBuilder<WebhookReceipt> builder)
    {
        builder.ToTable("webhook_receipts");
        builder.Property(r => r.Provider).HasMaxLength(16);
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.HasIndex(r => new { r.Provider, r.Key }).IsUnique();
        builder.HasIndex(r => r.ReceivedAt);
    }
}
