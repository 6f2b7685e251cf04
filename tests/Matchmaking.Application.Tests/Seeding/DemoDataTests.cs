using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Data;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Seeding;
using Matchmaking.Application.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaking.Application.Tests.Seeding;

/// <summary>Seeds a real temporary SQLite database through a real Identity UserManager.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mm-seed-tests-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;

    private AppDbContext Db => _scope.ServiceProvider.GetRequiredService<AppDbContext>();
    private UserManager<ApplicationUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIdentityCore<ApplicationUser>(DataSetup.ConfigureIdentityStore)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddDbContext<AppDbContext>(o => DataSetup.Configure(o, _dir));
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        await Db.Database.EnsureCreatedAsync();
        var roles = _scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All) await roles.CreateAsync(new IdentityRole(role));
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private Task<bool> Seed() => DemoData.SeedAsync(Db, Users, new FixedClock(Now));

    [Fact]
    public async Task Seeding_yields_a_complete_and_consistent_data_set()
    {
        Assert.True(await Seed());
        var db = Db;
        var now = Now.UtcDateTime;

        // Taxonomy
        Assert.Equal(62, await db.Fields.CountAsync());
        var fieldCodes = (await db.Fields.Select(f => f.Code).ToListAsync()).ToHashSet();
        var chains = await db.Chains.Include(c => c.Nodes).ToListAsync();
        Assert.True(chains.Count >= 8);
        Assert.All(chains, c =>
        {
            Assert.InRange(c.Nodes.Count, 6, 10);
            Assert.Equal(3, c.Nodes.Select(n => n.Segment).Distinct().Count());
            Assert.All(c.Nodes, n => Assert.False(string.IsNullOrWhiteSpace(n.EnglishName)));
        });
        var skills = await db.Skills.ToListAsync();
        Assert.True(skills.Count >= 100);
        Assert.All(skills, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.EnglishName));
            Assert.NotEmpty(s.FieldCodes);
            Assert.All(s.FieldCodes, f => Assert.Contains(f, fieldCodes));
        });
        var vocabulary = new SkillVocabulary(skills);
        Assert.Equal("熔盐泵", vocabulary.Normalize("高温熔盐泵"));
        Assert.Equal("高镍三元正极", vocabulary.Normalize("NCM811"));
        Assert.Equal("手撕钢", vocabulary.Normalize("ultra-thin stainless steel foil"));

        // Organisations
        var orgs = await db.Organizations.ToListAsync();
        foreach (var type in Enum.GetValues<OrganizationType>())
            Assert.True(orgs.Count(o => o.Type == type) >= 10, $"{type}: {orgs.Count(o => o.Type == type)}");
        Assert.All(orgs, o =>
        {
            Assert.True(CreditCode.IsValid(o.CreditCode), o.CreditCode);
            Assert.Equal(o.Type == OrganizationType.Enterprise ? '9' : '1', o.CreditCode[0]);
            Assert.Equal(o.RegionCode, o.CreditCode[2..8]);
            Assert.True(Regions.IsValidCode(o.RegionCode));
        });
        Assert.Equal(2, orgs.Count(o => !o.IsVerified));
        Assert.Contains(orgs, o => o.IsChainLeader);
        Assert.Contains(orgs, o => o.IsSpecialisedSme);
        Assert.Contains(orgs, o => !o.RegionCode.StartsWith("62", StringComparison.Ordinal));
        var orgById = orgs.ToDictionary(o => o.Id);

        // Profiles
        var profiles = await db.Profiles.ToListAsync();
        Assert.True(profiles.Count >= 40, $"{profiles.Count} profiles");
        Assert.All(profiles, p =>
        {
            Assert.InRange(p.Skills.Count, 3, 8);
            Assert.InRange(p.Summary.Length, 100, 300);
            Assert.InRange(p.Achievements.Count, 2, 6);
            Assert.All(p.Achievements, a => Assert.InRange(a.Year ?? 0, 2016, 2026));
            Assert.All(p.Achievements, a => Assert.Contains(p.Skills, s => a.Title.Contains(s, StringComparison.Ordinal)));
            Assert.NotEmpty(p.Platforms);
            Assert.NotEmpty(p.Members);
            Assert.All(p.FieldCodes, f => Assert.Contains(f, fieldCodes));
        });
        var vocabularyNames = skills.Select(s => s.Name).ToHashSet();
        Assert.True(profiles.SelectMany(p => p.Skills).Count(vocabularyNames.Contains) * 10
                    >= profiles.SelectMany(p => p.Skills).Count() * 8, "profile skills mostly from the vocabulary");
        var researcher = await Users.FindByEmailAsync("researcher@demo.local");
        Assert.NotNull(researcher);
        Assert.True(profiles.Count(p => p.OwnerUserId == researcher.Id && p.OrganizationId == researcher.OrganizationId) >= 2);

        // Challenges
        var challenges = await db.Challenges.ToListAsync();
        Assert.True(challenges.Count >= 60, $"{challenges.Count} challenges");
        foreach (var status in Enum.GetValues<ChallengeStatus>()) Assert.Contains(challenges, c => c.Status == status);
        foreach (var type in Enum.GetValues<BottleneckType>()) Assert.Contains(challenges, c => c.Bottleneck == type);
        Assert.True(challenges.Select(c => c.ChainId).Distinct().Count() >= chains.Count - 1);
        Assert.Contains(challenges, c => c.AwardMode == AwardMode.Parallel);
        var nodeChain = chains.SelectMany(c => c.Nodes).ToDictionary(n => n.Id, n => n.ChainId);
        Assert.All(challenges, c =>
        {
            Assert.InRange(c.Title.Length, 1, ChallengeContent.MaxTitle);
            Assert.InRange(c.Targets.Count, 1, 5);
            Assert.InRange(c.BudgetWan, 50m, 3000m);
            Assert.Equal(c.ChainId, nodeChain[c.ChainNodeId]);
            Assert.All(c.FieldCodes, f => Assert.Contains(f, fieldCodes));
            Assert.Equal(OrganizationType.Enterprise, orgById[c.PosterOrganizationId].Type);
            if (c.Status is ChallengeStatus.Draft or ChallengeStatus.PendingReview or ChallengeStatus.Published)
                Assert.True(c.BidDeadlineUtc > now, $"{c.Title}: deadline should be in the future");
            if (c.Status is ChallengeStatus.Closed or ChallengeStatus.Awarded or ChallengeStatus.Completed)
                Assert.True(c.BidDeadlineUtc < now, $"{c.Title}: deadline should have passed");
            if (c.Status == ChallengeStatus.Rejected) Assert.False(string.IsNullOrWhiteSpace(c.RejectionReason));
            if (c.Status == ChallengeStatus.Cancelled) Assert.False(string.IsNullOrWhiteSpace(c.CancellationReason));
            Assert.True(c.UpdatedAtUtc <= now);
        });
        var enterprise = await Users.FindByEmailAsync("enterprise@demo.local");
        Assert.NotNull(enterprise);
        var own = challenges.Where(c => c.PosterOrganizationId == enterprise.OrganizationId).ToList();
        Assert.True(own.Count >= 8);
        Assert.True(own.Select(c => c.Status).Distinct().Count() >= 5);
        Assert.True(orgById[enterprise.OrganizationId!.Value].IsChainLeader);

        // Bids
        var bids = await db.Bids.ToListAsync();
        Assert.True(bids.Count >= 30, $"{bids.Count} bids");
        var challengeById = challenges.ToDictionary(c => c.Id);
        var profileById = profiles.ToDictionary(p => p.Id);
        Assert.All(bids, b =>
        {
            var c = challengeById[b.ChallengeId];
            var p = profileById[b.ProfileId];
            Assert.Contains(c.Status, new[] { ChallengeStatus.Published, ChallengeStatus.Closed, ChallengeStatus.Awarded, ChallengeStatus.Completed });
            Assert.True(c.Admits(orgById[b.OrganizationId].Type), "eligible organisation type");
            Assert.Equal(p.OrganizationId, b.OrganizationId);
            Assert.Equal(p.OwnerUserId, b.CreatedByUserId);
            Assert.NotEqual(c.PosterOrganizationId, b.OrganizationId);
            Assert.InRange(b.BudgetAskedWan, 0.01m, c.BudgetWan);
            Assert.False(string.IsNullOrWhiteSpace(b.TechnicalApproach));
            Assert.False(string.IsNullOrWhiteSpace(b.MilestonePlan));
            Assert.False(string.IsNullOrWhiteSpace(b.TeamDescription));
            Assert.True(b.CreatedAtUtc < c.BidDeadlineUtc);
            if (b.Status == BidStatus.Selected)
                Assert.Contains(c.Status, new[] { ChallengeStatus.Awarded, ChallengeStatus.Completed });
            if (b.Status is BidStatus.Shortlisted or BidStatus.Selected or BidStatus.NotSelected)
                Assert.NotEqual(ChallengeStatus.Published, c.Status);
            if (c.Status is ChallengeStatus.Awarded or ChallengeStatus.Completed)
                Assert.DoesNotContain(b.Status, new[] { BidStatus.Draft, BidStatus.Submitted, BidStatus.Shortlisted });
        });
        Assert.All(bids.Where(b => b.IsActive).GroupBy(b => (b.ChallengeId, b.ProfileId)), g => Assert.Single(g));
        foreach (var status in Enum.GetValues<BidStatus>()) Assert.Contains(bids, b => b.Status == status);
        Assert.All(challenges.Where(c => c.Status is ChallengeStatus.Awarded or ChallengeStatus.Completed),
            c => Assert.Contains(bids, b => b.ChallengeId == c.Id && b.Status == BidStatus.Selected));
        var researcherBids = bids.Where(b => b.CreatedByUserId == researcher.Id).ToList();
        Assert.True(researcherBids.Select(b => b.Status).Distinct().Count() >= 3);
        Assert.Contains(own, c => c.Status == ChallengeStatus.Closed
                                  && bids.Any(b => b.ChallengeId == c.Id && b.Status == BidStatus.Submitted));

        Assert.True(await db.AuditEntries.CountAsync() > challenges.Count);
    }

    [Fact]
    public async Task Seeding_shows_every_stage_after_the_deadline()
    {
        Assert.True(await Seed());
        var db = Db;
        var now = Now.UtcDateTime;
        var challenges = await db.Challenges.ToDictionaryAsync(c => c.Id);

        // Under review, with partial scores (work left for reviewer@demo.local).
        var reviewer = await Users.FindByEmailAsync("reviewer@demo.local");
        Assert.NotNull(reviewer);
        Assert.True(await Users.IsInRoleAsync(reviewer, Roles.Reviewer));
        var closed = challenges.Values.Where(c => c.Status == ChallengeStatus.Closed).Select(c => c.Id).ToList();
        Assert.NotEmpty(closed);
        Assert.Contains(await db.ReviewAssignments.Where(a => a.ReviewerUserId == reviewer.Id).ToListAsync(),
            a => closed.Contains(a.ChallengeId) && a.Conflict == Application.Reviews.ConflictDeclaration.Pending);
        Assert.True(await db.Reviews.AnyAsync(r => closed.Contains(r.ChallengeId)));
        Assert.True(await db.ReviewAssignments.AnyAsync(a => a.IsPoster));

        // A 赛马 award in 公示 with an open and an answered objection.
        var awards = await db.Awards.Include(a => a.Objections).ToListAsync();
        var race = Assert.Single(awards, a => a.Status == Application.Awards.AwardStatus.Publicity && a.Mode == AwardMode.Parallel);
        Assert.True(race.PublicityEndsAtUtc > now && race.WinnerBidIds.Count == 2);
        Assert.Contains(race.Objections, o => o.IsOpen);
        Assert.Contains(race.Objections, o => o.Status == Application.Awards.ObjectionStatus.Dismissed);
        Assert.True(await db.Bids.AnyAsync(b => b.ChallengeId == race.ChallengeId && b.Status == BidStatus.NotSelected && b.NotSelectedReason != null));

        // Every awarded or completed challenge has its award; milestones accepted, returned and planned; completed ones fully accepted.
        Assert.All(challenges.Values.Where(c => c.Status is ChallengeStatus.Awarded or ChallengeStatus.Completed),
            c => Assert.Contains(awards, a => a.ChallengeId == c.Id));
        var milestones = await db.Milestones.ToListAsync();
        foreach (var status in new[] { Application.Delivery.MilestoneStatus.Accepted, Application.Delivery.MilestoneStatus.Returned, Application.Delivery.MilestoneStatus.Planned })
            Assert.Contains(milestones, m => m.Status == status);
        Assert.All(milestones.Where(m => challenges[m.ChallengeId].Status == ChallengeStatus.Completed),
            m => Assert.Equal(Application.Delivery.MilestoneStatus.Accepted, m.Status));
        Assert.All(awards.Where(a => a.Status == Application.Awards.AwardStatus.Final), a =>
            Assert.Equal(challenges[a.ChallengeId].Status == ChallengeStatus.Completed,
                Application.Delivery.DeliveryRules.IsComplete(milestones.Where(m => m.ChallengeId == a.ChallengeId).ToList(), a.WinnerBidIds)));
    }

    [Fact]
    public async Task Demo_accounts_sign_in_and_have_their_roles()
    {
        Assert.True(await Seed());
        Assert.Contains(DemoData.Accounts, a => a.Email == "enterprise@demo.local" && a.Role == Roles.Enterprise);
        Assert.Contains(DemoData.Accounts, a => a.Email == "researcher@demo.local" && a.Role == Roles.Researcher);
        Assert.True(DemoData.Accounts.Count(a => a.Role == Roles.Enterprise) >= 3);
        Assert.True(DemoData.Accounts.Count(a => a.Role == Roles.Researcher) >= 3);
        foreach (var (email, role, _) in DemoData.Accounts.Concat(DemoData.OtherAccounts))
        {
            var user = await Users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(user.EmailConfirmed);
            Assert.False(string.IsNullOrWhiteSpace(user.DisplayName));
            Assert.True(await Users.CheckPasswordAsync(user, DemoData.Password), email);
            Assert.True(await Users.IsInRoleAsync(user, role), $"{email} in {role}");
            if (role != Roles.Admin) Assert.NotNull(user.OrganizationId);
        }
    }

    [Fact]
    public async Task A_second_seeding_returns_false_and_adds_nothing()
    {
        Assert.True(await Seed());
        var before = await Counts();
        Assert.False(await Seed());
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Reference_data_is_idempotent()
    {
        await ReferenceData.SeedAsync(Db);
        var before = await Counts();
        Assert.Equal(ReferenceData.Fields.Count, before.Fields);
        Assert.Equal(ReferenceData.Chains.Count, before.Chains);
        Assert.Equal(ReferenceData.Chains.Sum(c => c.Nodes.Count), before.Nodes);
        Assert.Equal(ReferenceData.Skills.Count, before.Skills);

        // A curated change survives; a removed entry is added back, nothing is duplicated.
        var skill = await Db.Skills.SingleAsync(s => s.Name == "熔盐泵");
        skill.Synonyms.Add("熔融盐泵");
        Db.Skills.Update(skill);
        Db.Skills.Remove(await Db.Skills.SingleAsync(s => s.Name == "手撕钢"));
        await Db.SaveChangesAsync();
        Db.ChangeTracker.Clear();

        await ReferenceData.SeedAsync(Db);
        Assert.Equal(before, await Counts());
        Assert.Contains("熔融盐泵", (await Db.Skills.AsNoTracking().SingleAsync(s => s.Name == "熔盐泵")).Synonyms);
        Assert.Equal(ReferenceData.Skills.Select(s => s.Name).Distinct().Count(), ReferenceData.Skills.Count);
    }

    private async Task<(int Fields, int Chains, int Nodes, int Skills, int Orgs, int Users, int Profiles, int Challenges, int Bids, int Audit)> Counts()
    {
        var db = Db;
        return (await db.Fields.CountAsync(), await db.Chains.CountAsync(), await db.ChainNodes.CountAsync(),
            await db.Skills.CountAsync(), await db.Organizations.CountAsync(), await db.Users.CountAsync(),
            await db.Profiles.CountAsync(), await db.Challenges.CountAsync(), await db.Bids.CountAsync(),
            await db.AuditEntries.CountAsync());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
