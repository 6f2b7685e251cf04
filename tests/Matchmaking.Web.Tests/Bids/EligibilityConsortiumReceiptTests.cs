using Matchmaking.Application.Attachments;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using Matchmaking.Application.Dashboards;
using Matchmaking.Application.Identity;
using Matchmaking.Application.Notifications;
using Matchmaking.Application.Organizations;
using Matchmaking.Application.Seeding;
using Matchmaking.Web.Tests.Infrastructure;
using Matchmaking.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.Bids;

/// <summary>Submission rules (verified organisation, cap on active bids, consortium confirmations), the receipt, and
/// the authorization cells of consortium partners. Limits from MailPortalFactory: 2 partners, 2 active bids.</summary>
public sealed class EligibilityConsortiumReceiptTests : IDisposable
{
    private readonly MailPortalFactory _app = new();
    private BidService Bids => _app.Get<BidService>();

    public void Dispose() => _app.Dispose();

    private static BidContent Content => new()
    {
        TechnicalApproach = "熔盐泵\n\"双级\"方案", MilestonePlan = "计划", BudgetAskedWan = 123.4m, TeamDescription = "团队",
    };

    private async Task<(Actor poster, int challengeId)> ChallengeAsync()
    {
        var poster = await _app.CreateUserAsync(Roles.Enterprise, OrganizationType.Enterprise);
        return (poster, await _app.PublishedChallengeAsync(poster));
    }

    private async Task<int> DraftAsync(Actor researcher, int challengeId) =>
        await Bids.CreateAsync(researcher, challengeId, await _app.ProfileAsync(researcher), Content);

    [Fact]
    public async Task Submit_FromUnverifiedOrganization_IsRefusedWithTheReason()
    {
        var (_, challengeId) = await ChallengeAsync();
        var researcher = await _app.CreateUserAsync(Roles.Researcher, verified: false);
        var bidId = await DraftAsync(researcher, challengeId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Bids.SubmitAsync(researcher, bidId));

        Assert.Equal("org_not_verified", ex.Code);
        Assert.Contains("认证", ex.Message);
    }

    [Fact]
    public async Task Submit_BeyondTheActiveBidCap_IsRefused()
    {
        var researcher = await _app.CreateUserAsync(Roles.Researcher);
        for (var i = 0; i < 2; i++)
        {
            var (_, c) = await ChallengeAsync();
            await Bids.SubmitAsync(researcher, await DraftAsync(researcher, c));
        }
        var (_, third) = await ChallengeAsync();
        var bidId = await DraftAsync(researcher, third);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Bids.SubmitAsync(researcher, bidId));
        Assert.Equal("too_many_active", ex.Code);
        Assert.Contains("上限（2份）", ex.Message);
    }

    [Fact]
    public async Task Consortium_NeedsEveryPartnerToConfirm_ByAUserOfThatOrganization()
    {
        var (poster, challengeId) = await ChallengeAsync();
        var lead = await _app.CreateUserAsync(Roles.Researcher);
        var partnerUser = await _app.CreateUserAsync(Roles.Researcher, OrganizationType.ResearchInstitute);
        var secondPartnerUser = await _app.CreateUserAsync(Roles.Researcher, OrganizationType.University);
        var stranger = await _app.CreateUserAsync(Roles.Researcher);
        var bidId = await DraftAsync(lead, challengeId);

        await Bids.InvitePartnerAsync(lead, bidId, partnerUser.OrganizationId!.Value);
        await Bids.InvitePartnerAsync(lead, bidId, secondPartnerUser.OrganizationId!.Value);

        var invitation = Assert.Single((await _app.Get<NotificationService>().ListAsync(partnerUser)).Items);
        Assert.Equal(NotificationKind.ConsortiumInvitation, invitation.Kind);
        Assert.Equal($"/consortium/{bidId}", invitation.Link);
        Assert.Equal("partners_unconfirmed", (await Assert.ThrowsAsync<DomainException>(() => Bids.SubmitAsync(lead, bidId))).Code);

        // Only a user of the invited organisation answers: not the lead, not a stranger, not the poster, not an admin.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.RespondToInvitationAsync(lead, bidId, true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.RespondToInvitationAsync(stranger, bidId, true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.RespondToInvitationAsync(poster, bidId, true));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Bids.RespondToInvitationAsync(await _app.AdminAsync(), bidId, true));

        await Bids.RespondToInvitationAsync(partnerUser, bidId, true);
        await Bids.RespondToInvitationAsync(secondPartnerUser, bidId, false);
        Assert.Equal("partner_declined", (await Assert.ThrowsAsync<DomainException>(() => Bids.SubmitAsync(lead, bidId))).Code);
        await Bids.RemovePartnerAsync(lead, bidId, secondPartnerUser.OrganizationId!.Value);
        await Bids.SubmitAsync(lead, bidId);

        await using var db = await _app.DbAsync();
        var bid = await db.Bids.Include(b => b.Partners).SingleAsync(b => b.Id == bidId);
        Assert.Equal(new[] { lead.OrganizationId!.Value, partnerUser.OrganizationId!.Value }, bid.InvolvedOrganizationIds());
        Assert.Contains($"\"partnerOrganizationIds\":[{partnerUser.OrganizationId}]", bid.ReceiptJson);

        // Editing the submitted bid issues a new receipt, still naming the partner.
        _app.Clock.Advance(TimeSpan.FromHours(1));
        await Bids.UpdateAsync(lead, bidId, Content with { MilestonePlan = "新计划" }, bid.Version);
        await using var db2 = await _app.DbAsync();
        var edited = await db2.Bids.SingleAsync(b => b.Id == bidId);
        Assert.NotEqual(bid.ReceiptDigest, edited.ReceiptDigest);
        Assert.Equal(_app.Clock.UtcNow, edited.ReceiptAtUtc);
        Assert.Contains("新计划", edited.ReceiptJson);
        Assert.Contains($"\"partnerOrganizationIds\":[{partnerUser.OrganizationId}]", edited.ReceiptJson);
    }

    [Fact]
    public async Task Partner_SeesTheInvitation_ButNotTheBidContent()
    {
        var (_, challengeId) = await ChallengeAsync();
        var lead = await _app.CreateUserAsync(Roles.Researcher);
        var partner = await _app.CreateUserAsync(Roles.Researcher);
        var bidId = await DraftAsync(lead, challengeId);
        await Bids.InvitePartnerAsync(lead, bidId, partner.OrganizationId!.Value);

        var inv = Assert.Single(await Bids.ListInvitationsAsync(partner, bidId));
        Assert.Equal(PartnerState.Invited, inv.State);
        Assert.Null(await Bids.GetAsync(partner, bidId));
        Assert.Empty(await Bids.ListPartnersAsync(partner, bidId));
        Assert.Empty(await Bids.ListInvitationsAsync(lead, bidId)); // the lead's organisation is not invited
    }

    [Fact]
    public async Task Consortium_RefusesTooManyPartners_TheLeadItself_AndUnverifiedOrganizations()
    {
        var (_, challengeId) = await ChallengeAsync();
        var lead = await _app.CreateUserAsync(Roles.Researcher);
        var bidId = await DraftAsync(lead, challengeId);
        var unverified = await _app.CreateUserAsync(Roles.Researcher, verified: false);

        Assert.Equal("partner_is_lead", (await Assert.ThrowsAsync<DomainException>(() => Bids.InvitePartnerAsync(lead, bidId, lead.OrganizationId!.Value))).Code);
        Assert.Equal("partner_not_verified", (await Assert.ThrowsAsync<DomainException>(() => Bids.InvitePartnerAsync(lead, bidId, unverified.OrganizationId!.Value))).Code);
        for (var i = 0; i < 2; i++)
            await Bids.InvitePartnerAsync(lead, bidId, (await _app.CreateUserAsync(Roles.Researcher)).OrganizationId!.Value);
        var third = await _app.CreateUserAsync(Roles.Researcher);
        Assert.Equal("too_many_partners", (await Assert.ThrowsAsync<DomainException>(() => Bids.InvitePartnerAsync(lead, bidId, third.OrganizationId!.Value))).Code);
        var other = await _app.CreateUserAsync(Roles.Researcher);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Bids.InvitePartnerAsync(other, bidId, third.OrganizationId!.Value));
    }

    [Fact]
    public async Task Consortium_PartnerOfAnIneligibleType_IsRefused_NamingThePartnerAndTheReason()
    {
        var (_, challengeId) = await ChallengeAsync(); // universities and research institutes only
        var lead = await _app.CreateUserAsync(Roles.Researcher);
        var bidId = await DraftAsync(lead, challengeId);
        var enterprise = await _app.CreateUserAsync(Roles.Researcher, OrganizationType.Enterprise);

        var invite = await Assert.ThrowsAsync<DomainException>(() => Bids.InvitePartnerAsync(lead, bidId, enterprise.OrganizationId!.Value));
        Assert.Equal("partner_ineligible", invite.Code);
        await using (var db = await _app.DbAsync())
        {
            var name = (await db.Organizations.SingleAsync(o => o.Id == enterprise.OrganizationId)).Name;
            Assert.Contains(name, invite.Message);
            Assert.Contains("企业", invite.Message);
        }

        // An eligible partner confirms, then its organisation is re-registered as an enterprise: submission is refused.
        var partner = await _app.CreateUserAsync(Roles.Researcher, OrganizationType.ResearchInstitute);
        await Bids.InvitePartnerAsync(lead, bidId, partner.OrganizationId!.Value);
        await Bids.RespondToInvitationAsync(partner, bidId, true);
        string partnerName;
        await using (var db = await _app.DbAsync())
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == partner.OrganizationId);
            partnerName = org.Name;
            org.Type = OrganizationType.Enterprise;
            await db.SaveChangesAsync();
        }
        var submit = await Assert.ThrowsAsync<DomainException>(() => Bids.SubmitAsync(lead, bidId));
        Assert.Equal("partner_ineligible", submit.Code);
        Assert.Contains(partnerName, submit.Message);

        await using (var db = await _app.DbAsync())
        {
            (await db.Organizations.SingleAsync(o => o.Id == partner.OrganizationId)).Type = OrganizationType.University;
            await db.SaveChangesAsync();
        }
        await Bids.SubmitAsync(lead, bidId);
    }

    [Fact]
    public async Task Receipt_HashesTheCanonicalContentAndTime_AndAnyoneCanVerifyIt()
    {
        var (_, challengeId) = await ChallengeAsync();
        var researcher = await _app.CreateUserAsync(Roles.Researcher);
        var bidId = await DraftAsync(researcher, challengeId);
        var file = await _app.Get<AttachmentService>().AddToBidAsync(researcher, bidId, "report.pdf", new MemoryStream(DemoFiles.Pdf("r")));
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Bids.SubmitAsync(researcher, bidId);

        var (json, digest, at) = (await Bids.GetReceiptAsync(researcher, bidId))!.Value;

        Assert.Equal(_app.Clock.UtcNow, at);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))), digest);
        Assert.StartsWith($"{{\"v\":1,\"bidId\":{bidId},\"challengeId\":{challengeId},", json);
        Assert.Contains("\"technicalApproach\":\"熔盐泵\\n\\\"双级\\\"方案\"", json);
        Assert.Contains("\"budgetAskedWan\":\"123.40\"", json);
        Assert.Contains($"\"sha256\":\"{file.Sha256}\"", json);
        Assert.EndsWith($"\"submittedAtUtc\":\"{at:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"}}", json);

        var ok = await Bids.VerifyReceiptAsync(json, digest.ToUpperInvariant());
        Assert.True(ok.Matches);
        Assert.Equal(bidId, ok.IssuedForBidId);
        var tampered = await Bids.VerifyReceiptAsync(json.Replace("123.40", "12.40"), digest);
        Assert.False(tampered.Matches);
        Assert.Equal(bidId, tampered.IssuedForBidId); // the digest is genuine; the content is not what was submitted
        Assert.Null((await Bids.VerifyReceiptAsync(json, new string('0', 64))).IssuedForBidId);
        Assert.Null(await Bids.GetReceiptAsync(await _app.CreateUserAsync(Roles.Researcher), bidId));
    }

    [Fact]
    public async Task ViewCounter_IgnoresPosterAdminsAndBots()
    {
        var (poster, challengeId) = await ChallengeAsync();
        var dashboards = _app.Get<DashboardService>();
        const string browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36";

        Assert.False(await dashboards.CountViewAsync(poster, challengeId, browser));
        Assert.False(await dashboards.CountViewAsync(await _app.AdminAsync(), challengeId, browser));
        Assert.False(await dashboards.CountViewAsync(Actor.Anonymous, challengeId, "Mozilla/5.0 (compatible; Googlebot/2.1)"));
        Assert.False(await dashboards.CountViewAsync(Actor.Anonymous, challengeId, null));
        Assert.True(await dashboards.CountViewAsync(Actor.Anonymous, challengeId, browser));
        Assert.True(await dashboards.CountViewAsync(await _app.CreateUserAsync(Roles.Researcher), challengeId, browser));

        var stats = Assert.Single(await dashboards.PosterAsync(poster));
        Assert.Equal(2, stats.Views);
        Assert.Equal(0, stats.Bids);
        var researcher = await _app.CreateUserAsync(Roles.Researcher);
        await Assert.ThrowsAsync<AccessDeniedException>(() => dashboards.PosterAsync(researcher));
    }

    [Fact]
    public async Task AdminDashboard_CountsPerChainAndMonth_AdminsOnly()
    {
        var (poster, challengeId) = await ChallengeAsync();
        var researcher = await _app.CreateUserAsync(Roles.Researcher);
        await Bids.SubmitAsync(researcher, await DraftAsync(researcher, challengeId));
        var dashboards = _app.Get<DashboardService>();
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var rows = await dashboards.ChainMonthsAsync(await _app.AdminAsync(), null, from, from.AddYears(1));

        var row = Assert.Single(rows);
        Assert.Equal("2026-11", row.Month);
        Assert.Equal((1, 1, 0, 0), (row.Posted, row.Bids, row.Awarded, row.Completed));
        await Assert.ThrowsAsync<AccessDeniedException>(() => dashboards.ChainMonthsAsync(poster, null, from, from.AddYears(1)));
    }
}
