using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Profiles;
using Matchmaking.Application.Taxonomy;
using Matchmaking.Web.Tests.Infrastructure;

namespace Matchmaking.Web.Tests.Authorization;

/// <summary>DESIGN.md §4, cell by cell, through the services the pages call, on the real app and database.
/// Each "denied" test fails if its rule is removed from <see cref="Permissions"/> or the service.</summary>
public class AuthorizationMatrixTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private ChallengeService Challenges => app.Get<ChallengeService>();
    private BidService Bids => app.Get<BidService>();
    private Application.Awards.AwardService Awards => app.Get<Application.Awards.AwardService>();
    private static readonly Dictionary<int, Application.Awards.NotSelectedDecision> NoReasons = [];

    // ── browse/search published challenges: everyone; anonymous sees no bid counts ──

    [Fact]
    public async Task Browse_Published_IsOpenToAnonymous_WithoutBidCount()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await app.PublishedChallengeAsync(poster);
        var anonymous = await Challenges.GetAsync(Actor.Anonymous, id);
        Assert.NotNull(anonymous);
        Assert.Null(anonymous.BidCount);
        Assert.NotNull((await Challenges.GetAsync(poster, id))!.BidCount);
        var list = await Challenges.ListPublicAsync(new ChallengeFilter { PageSize = 100 });
        Assert.Contains(list.Items, c => c.Id == id && c.BidCount is null);
    }

    [Fact]
    public async Task Drafts_AreHiddenFromEveryoneButPosterAndAdmin()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var other = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var researcher = await app.CreateUserAsync(Roles.Researcher);
        var id = await Challenges.CreateAsync(poster, await app.ContentAsync());
        Assert.Null(await Challenges.GetAsync(Actor.Anonymous, id));
        Assert.Null(await Challenges.GetAsync(other, id));
        Assert.Null(await Challenges.GetAsync(researcher, id));
        Assert.NotNull(await Challenges.GetAsync(poster, id));
        Assert.NotNull(await Challenges.GetAsync(await app.AdminAsync(), id));
        var list = await Challenges.ListPublicAsync(new ChallengeFilter { PageSize = 100 });
        Assert.DoesNotContain(list.Items, c => c.Id == id);
    }

    // ── create/edit own challenge (Draft/Rejected): enterprise own org only; admin yes ──

    [Fact]
    public async Task Create_ByResearcherOrAnonymous_IsDenied()
    {
        var content = await app.ContentAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Challenges.CreateAsync(await app.CreateUserAsync(Roles.Researcher), content));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.CreateAsync(Actor.Anonymous, content));
    }

    [Fact]
    public async Task Edit_OwnOrganisationOnly()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var colleague = await app.CreateUserAsync(Roles.Enterprise, organizationId: poster.OrganizationId);
        var other = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var content = await app.ContentAsync();
        var id = await Challenges.CreateAsync(poster, content);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.UpdateAsync(other, id, content with { Title = "篡改" }, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Challenges.UpdateAsync(await app.CreateUserAsync(Roles.Researcher), id, content, 1));
        var version = (await Challenges.GetAsync(poster, id))!.Challenge.Version;
        await Challenges.UpdateAsync(colleague, id, content with { Title = "同事修改" }, version);
        Assert.Equal("同事修改", (await Challenges.GetAsync(poster, id))!.Challenge.Title);
    }

    [Fact]
    public async Task Admin_MayCreateForAnOrganisation_AndEdit()
    {
        var admin = await app.AdminAsync();
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var content = await app.ContentAsync();
        var id = await Challenges.CreateAsync(admin, content, poster.OrganizationId);
        var c = (await Challenges.GetAsync(admin, id))!.Challenge;
        Assert.Equal(poster.OrganizationId, c.PosterOrganizationId);
        await Challenges.UpdateAsync(admin, id, content with { Title = "管理员修改" }, c.Version);
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_IsAConflict_AndLosesNothing()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var content = await app.ContentAsync();
        var id = await Challenges.CreateAsync(poster, content);
        var version = (await Challenges.GetAsync(poster, id))!.Challenge.Version;
        await Challenges.UpdateAsync(poster, id, content with { Title = "第一次修改" }, version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Challenges.UpdateAsync(poster, id, content with { Title = "过期修改" }, version));
        Assert.Equal("第一次修改", (await Challenges.GetAsync(poster, id))!.Challenge.Title);
    }

    // ── publish: enterprise submits for review; admin approves/rejects ──

    [Fact]
    public async Task Approve_IsAdminOnly()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await Challenges.CreateAsync(poster, await app.ContentAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Challenges.SubmitForReviewAsync(await app.CreateUserAsync(Roles.Researcher), id));
        await Challenges.SubmitForReviewAsync(poster, id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.ApproveAsync(poster, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.RejectAsync(poster, id, "自己驳回"));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Challenges.ApproveAsync(await app.CreateUserAsync(Roles.Researcher), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Challenges.ListForModerationAsync(poster));
        await Challenges.ApproveAsync(await app.AdminAsync(), id);
        Assert.Equal(ChallengeStatus.Published, (await Challenges.GetAsync(poster, id))!.Challenge.Status);
    }

    [Fact]
    public async Task Reject_ReasonReachesThePoster_AndIsAudited()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var admin = await app.AdminAsync();
        var id = await Challenges.CreateAsync(poster, await app.ContentAsync());
        await Challenges.SubmitForReviewAsync(poster, id);
        await Challenges.RejectAsync(admin, id, "考核指标需量化");
        var c = (await Challenges.GetAsync(poster, id))!.Challenge;
        Assert.Equal(ChallengeStatus.Rejected, c.Status);
        Assert.Equal("考核指标需量化", c.RejectionReason);
        var history = await app.Get<Application.Auditing.AuditService>().HistoryAsync("Challenge", id.ToString());
        Assert.Equal(["create", "submit", "reject"], history.Select(h => h.Action));
        Assert.Equal(admin.UserId, history[^1].ActorUserId);
        Assert.Equal("考核指标需量化", history[^1].Reason);
    }

    // ── see bids: poster after the deadline; researcher own bids only; admin always; anonymous never ──

    [Fact]
    public async Task SeeBids_PosterOnlyAfterDeadline_OthersNever()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var otherEnterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var bidder = await app.CreateUserAsync(Roles.Researcher);
        var otherResearcher = await app.CreateUserAsync(Roles.Researcher);
        var id = await app.PublishedChallengeAsync(poster, deadlineDays: 5);
        var bidId = await Bids.CreateAsync(bidder, id, await app.ProfileAsync(bidder), Bid());
        await Bids.SubmitAsync(bidder, bidId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ListForChallengeAsync(poster, id)); // sealed
        Assert.Null(await Bids.GetAsync(poster, bidId));
        Assert.Equal(1, (await Challenges.GetAsync(poster, id))!.BidCount); // but the count is shown
        Assert.Single(await Bids.ListForChallengeAsync(await app.AdminAsync(), id));
        Assert.NotNull(await Bids.GetAsync(bidder, bidId));
        Assert.Null(await Bids.GetAsync(otherResearcher, bidId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ListForChallengeAsync(otherResearcher, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ListForChallengeAsync(Actor.Anonymous, id));

        app.Clock.Advance(TimeSpan.FromDays(6));
        try
        {
            Assert.Single(await Bids.ListForChallengeAsync(poster, id));
            Assert.NotNull(await Bids.GetAsync(poster, bidId));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ListForChallengeAsync(otherEnterprise, id));
            Assert.Null(await Bids.GetAsync(otherEnterprise, bidId));
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-6)); }
    }

    // ── submit/withdraw a bid: researchers before the deadline; enterprise/admin/anonymous never ──

    [Fact]
    public async Task Bid_ByNonResearchers_IsDenied()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await app.PublishedChallengeAsync(poster);
        var researcher = await app.CreateUserAsync(Roles.Researcher);
        var profile = await app.ProfileAsync(researcher);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.CreateAsync(poster, id, profile, Bid()));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Bids.CreateAsync(await app.AdminAsync(), id, profile, Bid()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.CreateAsync(Actor.Anonymous, id, profile, Bid()));
    }

    [Fact]
    public async Task Bid_WithSomeoneElsesTeam_IsDenied()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await app.PublishedChallengeAsync(poster);
        var owner = await app.CreateUserAsync(Roles.Researcher);
        var intruder = await app.CreateUserAsync(Roles.Researcher);
        var profile = await app.ProfileAsync(owner);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.CreateAsync(intruder, id, profile, Bid()));
    }

    [Fact]
    public async Task Bid_SubmitAndWithdraw_OnlyByItsAuthor_AndOnlyBeforeDeadline()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await app.PublishedChallengeAsync(poster, deadlineDays: 3);
        var bidder = await app.CreateUserAsync(Roles.Researcher);
        var other = await app.CreateUserAsync(Roles.Researcher);
        var profile = await app.ProfileAsync(bidder);
        var bidId = await Bids.CreateAsync(bidder, id, profile, Bid());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.SubmitAsync(other, bidId));
        await Bids.SubmitAsync(bidder, bidId);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.WithdrawAsync(other, bidId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.WithdrawAsync(poster, bidId));

        app.Clock.Advance(TimeSpan.FromDays(4));
        try
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => Bids.WithdrawAsync(bidder, bidId));
            Assert.Equal("deadline_passed", ex.Code);
            var late = await Assert.ThrowsAsync<DomainException>(() => Bids.CreateAsync(bidder, id, profile, Bid()));
            Assert.IsNotType<AccessDeniedException>(late); // refused for the deadline/ownership, not silently
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-4)); }
    }

    [Fact]
    public async Task Bid_OneActivePerTeam_AndEligibilityEnforced()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var id = await app.PublishedChallengeAsync(poster); // universities and institutes only
        var researcher = await app.CreateUserAsync(Roles.Researcher);
        var profile = await app.ProfileAsync(researcher);
        var first = await Bids.CreateAsync(researcher, id, profile, Bid());
        var dup = await Assert.ThrowsAsync<DomainException>(() => Bids.CreateAsync(researcher, id, profile, Bid()));
        Assert.Equal("duplicate_bid", dup.Code);
        await Bids.WithdrawAsync(researcher, first);
        await Bids.CreateAsync(researcher, id, profile, Bid()); // allowed again once withdrawn

        var smeResearcher = await app.CreateUserAsync(Roles.Researcher, OrganizationType.Enterprise);
        var smeProfile = await app.ProfileAsync(smeResearcher);
        var ineligible = await Assert.ThrowsAsync<DomainException>(() => Bids.CreateAsync(smeResearcher, id, smeProfile, Bid()));
        Assert.Equal("ineligible", ineligible.Code);
    }

    // ── select winners: own challenge; admin yes; other enterprise and researchers no ──

    [Fact]
    public async Task Select_PosterOrAdminOnly_AndAwardsTheChallenge()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var other = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var bidder = await app.CreateUserAsync(Roles.Researcher);
        var id = await app.PublishedChallengeAsync(poster, deadlineDays: 2);
        var bidId = await Bids.CreateAsync(bidder, id, await app.ProfileAsync(bidder), Bid());
        await Bids.SubmitAsync(bidder, bidId);
        app.Clock.Advance(TimeSpan.FromDays(3));
        try
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Awards.DecideAsync(other, id, [bidId], NoReasons));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Awards.DecideAsync(bidder, id, [bidId], NoReasons));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.ShortlistAsync(other, bidId));
            await Bids.ShortlistAsync(poster, bidId);
            await Awards.DecideAsync(poster, id, [bidId], NoReasons);
            Assert.Equal(BidStatus.Selected, (await Bids.GetAsync(bidder, bidId))!.Status);
            Assert.Equal(ChallengeStatus.Awarded, (await Challenges.GetAsync(poster, id))!.Challenge.Status);
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-3)); }
    }

    [Fact]
    public async Task Select_BeforeDeadline_IsRefused_EvenForAdmin()
    {
        var poster = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var bidder = await app.CreateUserAsync(Roles.Researcher);
        var id = await app.PublishedChallengeAsync(poster);
        var bidId = await Bids.CreateAsync(bidder, id, await app.ProfileAsync(bidder), Bid());
        await Bids.SubmitAsync(bidder, bidId);
        var ex = await Assert.ThrowsAsync<DomainException>(async () => await Awards.DecideAsync(await app.AdminAsync(), id, [bidId], NoReasons));
        Assert.Equal("not_closed", ex.Code);
    }

    // ── edit capability profile: own; admin yes; enterprise and other researchers no ──

    [Fact]
    public async Task EditProfile_OwnerOrAdminOnly()
    {
        var owner = await app.CreateUserAsync(Roles.Researcher);
        var other = await app.CreateUserAsync(Roles.Researcher);
        var enterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var profiles = app.Get<ProfileService>();
        var id = await app.ProfileAsync(owner);
        var content = (await profiles.GetAsync(owner, id))!.Content with { Summary = "更新的简介" };
        await Assert.ThrowsAsync<AccessDeniedException>(() => profiles.UpdateAsync(other, id, content, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => profiles.UpdateAsync(enterprise, id, content, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => profiles.CreateAsync(enterprise, content));
        await profiles.UpdateAsync(owner, id, content, (await profiles.GetAsync(owner, id))!.Version);
        await profiles.UpdateAsync(await app.AdminAsync(), id, content with { Summary = "管理员更新" }, (await profiles.GetAsync(owner, id))!.Version);
        Assert.Equal("管理员更新", (await profiles.GetAsync(Actor.Anonymous, id))!.Summary);
    }

    // ── verify organisations, moderate, edit taxonomies: admin only ──

    [Fact]
    public async Task VerifyOrganisations_AdminOnly()
    {
        var enterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var orgs = app.Get<OrganizationService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => orgs.VerifyAsync(enterprise, enterprise.OrganizationId!.Value, true));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await orgs.VerifyAsync(await app.CreateUserAsync(Roles.Researcher), enterprise.OrganizationId!.Value, true));
        await orgs.VerifyAsync(await app.AdminAsync(), enterprise.OrganizationId!.Value, true);
        Assert.True((await orgs.ListAsync()).Single(o => o.Id == enterprise.OrganizationId).IsVerified);
    }

    [Fact]
    public async Task EditTaxonomy_AdminOnly()
    {
        var taxonomy = app.Get<TaxonomyService>();
        var enterprise = await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        var researcher = await app.CreateUserAsync(Roles.Researcher);
        foreach (var actor in new[] { enterprise, researcher, Actor.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => taxonomy.SaveChainAsync(actor, null, "越权产业链", null, null));
            await Assert.ThrowsAsync<AccessDeniedException>(() => taxonomy.SaveSkillAsync(actor, null, "越权标签", null, [], []));
            await Assert.ThrowsAsync<AccessDeniedException>(() => taxonomy.SaveFieldAsync(actor, "999", "越权学科", null));
        }
        var chainId = await taxonomy.SaveChainAsync(await app.AdminAsync(), null, $"氢能装备{Guid.NewGuid():N}"[..12], "Hydrogen", null);
        Assert.Contains(await taxonomy.ChainsAsync(), c => c.Id == chainId);
    }

    [Fact]
    public async Task AuditLog_AdminOnly()
    {
        var audit = app.Get<Application.Auditing.AuditService>();
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await audit.ListAsync(await app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise), null, null, 1, 20));
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.ListAsync(Actor.Anonymous, null, null, 1, 20));
        Assert.NotNull(await audit.ListAsync(await app.AdminAsync(), null, null, 1, 20));
    }

    private static BidContent Bid() => new()
    {
        TechnicalApproach = "镍基合金叶轮+干气密封", MilestonePlan = "6个月样机", BudgetAskedWan = 500, TeamDescription = "12人团队",
    };
}
