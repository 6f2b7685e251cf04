using System.Globalization;
using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Notifications;
using Matchmaking.Web.Components.Pages.Notifications;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>Milestone hand-ins and revoked awards carry their own notification kinds (not "other"), so users can
/// mute them by e-mail and the bell labels them.</summary>
public class NotificationKindTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task MilestoneSubmission_NotifiesThePoster_AsMilestoneSubmitted()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.FinalParallelAwardAsync();
        await s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", app.Clock.UtcNow.AddDays(60))]);
        var m = (await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!.Teams.Single(t => t.Bid.Id == s.Bid1).Milestones.Single();

        await s.Delivery.SubmitAsync(s.Bidder1, m.Id, "样机完成", m.Version);

        await using var db = await app.DbAsync();
        var toPoster = await db.Notifications.Where(n => n.UserId == s.Poster.UserId && n.ChallengeId == s.ChallengeId).ToListAsync();
        Assert.Contains(toPoster, n => n.Kind == NotificationKind.MilestoneSubmitted && n.Title.Contains("M1 样机"));
        Assert.DoesNotContain(toPoster, n => n.Kind == NotificationKind.Other);
    }

    [Fact]
    public async Task UpheldObjection_NotifiesPosterAndBidders_AsAwardRevoked()
    {
        var s = await AwardFlowScenario.CreateAsync(app, AwardMode.Single);
        var award = await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1], new Dictionary<int, NotSelectedDecision>
            { [s.Bid2] = new(NotSelectedReason.LowerScore) });
        var objection = await s.Awards.LodgeObjectionAsync(s.Bidder2, award, "评审专家与挂帅团队存在利益关系");

        await s.Awards.AnswerObjectionAsync(s.Admin, objection, "经核实属实，撤销并重新评审", upheld: true);

        await using var db = await app.DbAsync();
        var revoked = await db.Notifications.Where(n => n.ChallengeId == s.ChallengeId && n.Kind == NotificationKind.AwardRevoked)
            .Select(n => n.UserId).ToListAsync();
        Assert.Contains(s.Poster.UserId, revoked);
        Assert.Contains(s.Bidder1.UserId, revoked);
        Assert.Contains(s.Bidder2.UserId, revoked);
        Assert.False(await db.Notifications.AnyAsync(n => n.ChallengeId == s.ChallengeId && n.Kind == NotificationKind.Other));
    }

    [Fact]
    public async Task NewKinds_CanBeMutedByEmail()
    {
        var user = await app.CreateUserAsync(Application.Identity.Roles.Enterprise, Application.Organizations.OrganizationType.Enterprise);
        var notifications = app.Get<NotificationService>();
        await notifications.SavePreferencesAsync(user, true, EmailMode.Immediate, [NotificationKind.MilestoneSubmitted, NotificationKind.AwardRevoked]);

        var p = await notifications.GetPreferencesAsync(user);

        Assert.False(p.WantsEmail(NotificationKind.MilestoneSubmitted));
        Assert.False(p.WantsEmail(NotificationKind.AwardRevoked));
        Assert.True(p.WantsEmail(NotificationKind.MilestoneAccepted));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void EveryKind_HasALabel(string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var t = app.Get<IStringLocalizer<NotificationText>>();
            foreach (var kind in Enum.GetValues<NotificationKind>())
                Assert.False(t["Kind." + kind].ResourceNotFound, $"{culture}: Kind.{kind}");
            Assert.Equal(culture == "en" ? "Milestone submitted" : "里程碑待验收", t["Kind." + NotificationKind.MilestoneSubmitted].Value);
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
