using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Matchmaking.Application.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.CreditCode).HasMaxLength(18);
        b.HasIndex(o => o.CreditCode).IsUnique();
        b.Property(o => o.RegionCode).HasMaxLength(6);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChainConfiguration : IEntityTypeConfiguration<IndustryChain>
{
    public void Configure(EntityTypeBuilder<IndustryChain> b)
    {
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasIndex(c => c.Name).IsUnique();
        b.HasMany(c => c.Nodes).WithOne(n => n.Chain).HasForeignKey(n => n.ChainId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChainNodeConfiguration : IEntityTypeConfiguration<ChainNode>
{
    public void Configure(EntityTypeBuilder<ChainNode> b)
    {
        b.Property(n => n.Name).HasMaxLength(50);
        b.HasIndex(n => new { n.ChainId, n.Name }).IsUnique();
    }
}

internal sealed class FieldConfiguration : IEntityTypeConfiguration<ResearchField>
{
    public void Configure(EntityTypeBuilder<ResearchField> b)
    {
        b.HasKey(f => f.Code);
        b.Property(f => f.Code).HasMaxLength(10);
        b.Property(f => f.Name).HasMaxLength(50);
    }
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> b)
    {
        b.Property(c => c.Title).HasMaxLength(ChallengeContent.MaxTitle);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.PosterOrganization).WithMany().HasForeignKey(c => c.PosterOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<IndustryChain>().WithMany().HasForeignKey(c => c.ChainId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChainNode>().WithMany().HasForeignKey(c => c.ChainNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.Status);
        b.HasIndex(c => c.BidDeadlineUtc);
        b.HasIndex(c => c.ExternalId).IsUnique();
    }
}

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Challenge).WithMany().HasForeignKey(x => x.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Profile).WithMany().HasForeignKey(x => x.ProfileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        // One active bid per team per challenge, guarded by the database as well as the service.
        b.HasIndex(x => new { x.ChallengeId, x.ProfileId }).IsUnique()
            .HasFilter($"\"Status\" <> {(int)BidStatus.Withdrawn}");
        // The public receipt check (anyone may ask) looks bids up by digest.
        b.HasIndex(x => x.ReceiptDigest);
    }
}

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<CapabilityProfile>
{
    public void Configure(EntityTypeBuilder<CapabilityProfile> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(p => p.Achievements, a => a.ToJson());
        b.HasIndex(p => p.OwnerUserId);
        b.HasIndex(p => p.ExternalId).IsUnique();
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class IndexOutboxConfiguration : IEntityTypeConfiguration<IndexOutboxEntry>
{
    public void Configure(EntityTypeBuilder<IndexOutboxEntry> b)
    {
        b.ToTable("IndexOutbox");
        b.HasOne(e => e.Challenge).WithMany().HasForeignKey(e => e.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Profile).WithMany().HasForeignKey(e => e.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DemandListConfiguration : IEntityTypeConfiguration<DemandList>
{
    public void Configure(EntityTypeBuilder<DemandList> b)
    {
        b.Property(l => l.Title).HasMaxLength(DemandListContent.MaxTitle);
        b.Property(l => l.Batch).HasMaxLength(DemandListContent.MaxBatch);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<IndustryChain>().WithMany().HasForeignKey(l => l.ChainId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(l => l.OrderedItems);
        b.Ignore(l => l.Content);
        b.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.DemandListId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.Status);
    }
}

internal sealed class DemandItemConfiguration : IEntityTypeConfiguration<DemandItem>
{
    public void Configure(EntityTypeBuilder<DemandItem> b)
    {
        b.Ignore(i => i.Content);
        b.Property(i => i.Title).HasMaxLength(DemandItemContent.MaxTitle);
        b.Property(i => i.ExternalId).HasMaxLength(DemandItemContent.MaxExternalId);
        b.HasOne<ChainNode>().WithMany().HasForeignKey(i => i.ChainNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Challenge>().WithMany().HasForeignKey(i => i.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.DemandListId, i.SortOrder });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Notifications.Notification> b)
    {
        b.Property(n => n.UserId).IsRequired();
        b.Property(n => n.Title).HasMaxLength(Notifications.Notification.MaxTitle);
        b.Property(n => n.Body).HasMaxLength(Notifications.Notification.MaxBody);
        b.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        b.HasIndex(n => n.CreatedAtUtc);
    }
}
