using BmoLearning.Core.Learners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BmoLearning.Core.Data.Configurations;

internal sealed class LearnerConfiguration : IEntityTypeConfiguration<Learner>
{
    public void Configure(EntityTypeBuilder<Learner> builder)
    {
        builder.ToTable("learners");
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.HasIndex(l => l.Email).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Phone).HasMaxLength(16);
        builder.Property(l => l.SlackUserId).HasMaxLength(32);
        builder.Property(l => l.TimeZone).HasMaxLength(64);
        builder.Property(l => l.Team).HasMaxLength(Learner.MaxTeamLength);
        // Manager scoping and the learners page filter by team.
        builder.HasIndex(l => l.Team);
        // SMS replies arrive by phone number.
        builder.HasIndex(l => l.Phone);
    }
}
