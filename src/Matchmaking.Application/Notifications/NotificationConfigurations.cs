using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Matchmaking.Application.Notifications;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.HasKey(p => p.UserId);
        b.HasOne<Identity.ApplicationUser>().WithOne().HasForeignKey<NotificationPreference>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.PrimitiveCollection(p => p.MutedKinds);
    }
}

internal sealed class EmailOutboxConfiguration : IEntityTypeConfiguration<EmailOutboxEntry>
{
    public void Configure(EntityTypeBuilder<EmailOutboxEntry> b)
    {
        b.ToTable("EmailOutbox");
        b.Property(e => e.ToAddress).HasMaxLength(256);
        b.Property(e => e.Subject).HasMaxLength(EmailOutboxEntry.MaxSubject);
        b.Property(e => e.Body).HasMaxLength(EmailOutboxEntry.MaxBody);
        b.Property(e => e.LastError).HasMaxLength(EmailOutboxEntry.MaxError);
        b.HasIndex(e => new { e.SentAtUtc, e.GaveUpAtUtc, e.NextAttemptAtUtc });
    }
}

internal sealed class ChallengeNoticeConfiguration : IEntityTypeConfiguration<ChallengeNotice>
{
    public void Configure(EntityTypeBuilder<ChallengeNotice> b)
    {
        b.HasKey(n => new { n.ChallengeId, n.Kind });
        b.HasOne<Challenges.Challenge>().WithMany().HasForeignKey(n => n.ChallengeId).OnDelete(DeleteBehavior.Cascade);
    }
}
