using Matchmaking.Application.Auditing;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
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
