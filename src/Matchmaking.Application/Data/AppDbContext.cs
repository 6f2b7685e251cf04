using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.DemandLists;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Search;
using Matchmaking.Application.Taxonomy;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Application.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<IndustryChain> Chains => Set<IndustryChain>();
    public DbSet<ChainNode> ChainNodes => Set<ChainNode>();
    public DbSet<ResearchField> Fields => Set<ResearchField>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<Challenge> Challenges => Set<Challenge>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<CapabilityProfile> Profiles => Set<CapabilityProfile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IndexOutboxEntry> IndexOutbox => Set<IndexOutboxEntry>();
    public DbSet<DemandList> DemandLists => Set<DemandList>();
    public DbSet<DemandItem> DemandItems => Set<DemandItem>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Reviews.Rubric> Rubrics => Set<Reviews.Rubric>();
    public DbSet<Reviews.ReviewAssignment> ReviewAssignments => Set<Reviews.ReviewAssignment>();
    public DbSet<Reviews.Review> Reviews => Set<Reviews.Review>();
    public DbSet<Awards.Award> Awards => Set<Awards.Award>();
    public DbSet<Awards.Objection> Objections => Set<Awards.Objection>();
    public DbSet<Delivery.Milestone> Milestones => Set<Delivery.Milestone>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<EmailOutboxEntry> EmailOutbox => Set<EmailOutboxEntry>();
    public DbSet<ChallengeNotice> ChallengeNotices => Set<ChallengeNotice>();
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();
    public DbSet<BidPartner> BidPartners => Set<BidPartner>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RecordIndexChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RecordIndexChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Every added or modified challenge and profile gets an outbox entry in the same SaveChanges, so the
    /// search index follows every path that writes them (services, imports, seeding) without each remembering to.
    /// The navigation (not the id) is set so that new rows get their generated id.</summary>
    private void RecordIndexChanges()
    {
        var now = DateTime.UtcNow;
        var pending = ChangeTracker.Entries<IndexOutboxEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        foreach (var entry in ChangeTracker.Entries<Challenge>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
            if (!pending.Any(p => ReferenceEquals(p.Challenge, entry.Entity)))
                IndexOutbox.Add(new IndexOutboxEntry { Challenge = entry.Entity, AtUtc = now });
        foreach (var entry in ChangeTracker.Entries<CapabilityProfile>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
            if (!pending.Any(p => ReferenceEquals(p.Profile, entry.Entity)))
                IndexOutbox.Add(new IndexOutboxEntry { Profile = entry.Entity, AtUtc = now });
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite has no decimal type and EF stores decimals as TEXT, which sorts lexically; budgets in
        // 万元 need numeric filters and sorting, so store them as REAL.
        builder.Properties<decimal>().HaveConversion<double>();
    }
}
