using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Delivery;
using Matchmaking.Application.Notifications;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>The whole 赛马 lifecycle through the services: what is stored, audited and notified at each step.</summary>
public class AwardLifecycleTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Parallel_Review_Award_Objection_Stop_Accept_Completes()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.Reviews.DeclareAsync(s.Reviewer, s.ReviewerAssignment, false, null);
        await s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid1, AwardFlowScenario.Scores(9), "路线成熟");
        await s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid2, AwardFlowScenario.Scores(7), "经费偏高");
        var ranking = (await s.Reviews.GetPanelAsync(s.Poster, s.ChallengeId))!.Ranking;
        Assert.Equal([s.Bid1, s.Bid2], ranking.Select(r => r.BidId));
        Assert.Equal(90m, ranking[0].AverageTotal);

        var awardId = await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1, s.Bid2], new Dictionary<int, NotSelectedDecision>());
        Assert.Contains(await s.Awards.ListAsync(), n => n.AwardId == awardId && n.Status == AwardStatus.Publicity && n.WinnerCount == 2);
        var objectionId = await s.Awards.LodgeObjectionAsync(s.Outsider, awardId, "第二名团队资质存疑");

        // The window ends with the objection still open: the award waits.
        app.Clock.Advance(TimeSpan.FromDays(8));
        await s.Awards.FinalizeDueAsync();
        Assert.Equal(AwardStatus.Publicity, (await s.Awards.GetAsync(s.Poster, awardId))!.Award.Status);
        await s.Awards.AnswerObjectionAsync(s.Admin, objectionId, "资质经核实齐全，异议不成立", upheld: false);
        Assert.Equal(AwardStatus.Final, (await s.Awards.GetAsync(s.Poster, awardId))!.Award.Status); // last answer after the window finalises

        var due = app.Clock.UtcNow.AddMonths(2);
        await s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", due), new("M2 中试", due.AddMonths(2))]);
        await s.Delivery.PlanAsync(s.Poster, s.Bid2, [new("M1 样机", due)]);
        async Task<Milestone> MAsync(int bid, int seq) =>
            (await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!.Teams.Single(t => t.Bid.Id == bid).Milestones.Single(m => m.Sequence == seq);

        // Team 2 hands in M1, it falls short: the poster stops team 2 at this gate (赛马).
        var t2 = await MAsync(s.Bid2, 1);
        await s.Delivery.SubmitAsync(s.Bidder2, t2.Id, "样机效率82%", t2.Version);
        t2 = await MAsync(s.Bid2, 1);
        await s.Delivery.StopTeamAsync(s.Poster, t2.Id, "效率未达90%，终止赛马", t2.Version);
        Assert.True((await s.Delivery.GetBoardAsync(s.Poster, s.ChallengeId))!.Teams.Single(t => t.Bid.Id == s.Bid2).IsStopped);

        // Team 1: M1 returned once, then accepted; M2 accepted → the challenge is completed.
        var m1 = await MAsync(s.Bid1, 1);
        await s.Delivery.SubmitAsync(s.Bidder1, m1.Id, "样机效率88%", m1.Version);
        m1 = await MAsync(s.Bid1, 1);
        await s.Delivery.ReturnAsync(s.Poster, m1.Id, "效率未达90%", m1.Version);
        m1 = await MAsync(s.Bid1, 1);
        await s.Delivery.SubmitAsync(s.Bidder1, m1.Id, "改进后效率92%，附第三方报告", m1.Version);
        m1 = await MAsync(s.Bid1, 1);
        await s.Delivery.AcceptAsync(s.Poster, m1.Id, "达标", m1.Version);
        Assert.Equal(ChallengeStatus.Awarded, await StatusAsync(s.ChallengeId));
        var m2 = await MAsync(s.Bid1, 2);
        await s.Delivery.SubmitAsync(s.Bidder1, m2.Id, "中试报告", m2.Version);
        m2 = await MAsync(s.Bid1, 2);
        await s.Delivery.AcceptAsync(s.Poster, m2.Id, null, m2.Version);
        Assert.Equal(ChallengeStatus.Completed, await StatusAsync(s.ChallengeId));

        await using var db = await app.DbAsync();
        var kinds = await db.Notifications.Where(n => n.ChallengeId == s.ChallengeId).Select(n => new { n.UserId, n.Kind }).ToListAsync();
        Assert.Contains(kinds, n => n.UserId == s.Reviewer.UserId && n.Kind == NotificationKind.ReviewAssigned);
        Assert.Contains(kinds, n => n.UserId == s.Bidder1.UserId && n.Kind == NotificationKind.Awarded);
        Assert.Contains(kinds, n => n.UserId == s.Poster.UserId && n.Kind == NotificationKind.PublicityStarted);
        Assert.Contains(kinds, n => n.UserId == s.Admin.UserId && n.Kind == NotificationKind.ObjectionLodged);
        Assert.Contains(kinds, n => n.UserId == s.Outsider.UserId && n.Kind == NotificationKind.ObjectionAnswered);
        Assert.Contains(kinds, n => n.UserId == s.Bidder1.UserId && n.Kind == NotificationKind.MilestoneReturned);
        Assert.Contains(kinds, n => n.UserId == s.Bidder1.UserId && n.Kind == NotificationKind.MilestoneAccepted);
        Assert.Contains(kinds, n => n.UserId == s.Poster.UserId && n.Kind == NotificationKind.ChallengeCompleted);
        Assert.DoesNotContain(kinds, n => n.UserId == s.Bidder2.UserId && n.Kind == NotificationKind.ChallengeCompleted);

        var challengeAudit = await db.AuditEntries.Where(a => a.EntityType == "Challenge" && a.EntityId == s.ChallengeId.ToString())
            .Select(a => a.Action).ToListAsync();
        Assert.Contains("award", challengeAudit);
        Assert.Contains("complete", challengeAudit);
        var awardAudit = await db.AuditEntries.Where(a => a.EntityType == "Award" && a.EntityId == awardId.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["object", "objection_dismissed", "finalize"], awardAudit);
        var milestoneActions = await db.AuditEntries.Where(a => a.EntityType == "Milestone").Select(a => a.Action).ToListAsync();
        Assert.Contains("stop", milestoneActions);
        Assert.Contains("return", milestoneActions);
    }

    [Fact]
    public async Task NotSelected_BidderReadsTheStructuredReason()
    {
        var s = await AwardFlowScenario.CreateAsync(app, AwardMode.Single);
        await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1], new Dictionary<int, NotSelectedDecision>
            { [s.Bid2] = new(NotSelectedReason.TechnicalRoute, "密封方案寿命论证不足") });
        var bid = (await app.Get<BidService>().GetAsync(s.Bidder2, s.Bid2))!;
        Assert.Equal((BidStatus.NotSelected, NotSelectedReason.TechnicalRoute, "密封方案寿命论证不足"),
            (bid.Status, bid.NotSelectedReason, bid.NotSelectedNote));
        await using var db = await app.DbAsync();
        var note = await db.Notifications.SingleAsync(n => n.UserId == s.Bidder2.UserId && n.Kind == NotificationKind.NotSelected);
        Assert.Contains("技术路线", note.Body);
        Assert.Contains("密封方案寿命论证不足", note.Body);
    }

    [Fact]
    public async Task UpheldObjection_RevokesTheAward_AndThePosterDecidesAgain()
    {
        var s = await AwardFlowScenario.CreateAsync(app, AwardMode.Single);
        var first = await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1], new Dictionary<int, NotSelectedDecision>
            { [s.Bid2] = new(NotSelectedReason.LowerScore) });
        var objection = await s.Awards.LodgeObjectionAsync(s.Bidder2, first, "评审专家与挂帅团队存在利益关系");
        await s.Awards.AnswerObjectionAsync(s.Admin, objection, "经核实属实，撤销并重新评审", upheld: true);
        Assert.Equal(ChallengeStatus.Closed, await StatusAsync(s.ChallengeId));
        Assert.Equal(AwardStatus.Revoked, (await s.Awards.GetAsync(s.Admin, first))!.Award.Status);
        var second = await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid2], new Dictionary<int, NotSelectedDecision>
            { [s.Bid1] = new(NotSelectedReason.Eligibility, "回避规定") });
        Assert.NotEqual(first, second);
        Assert.Equal(ChallengeStatus.Awarded, await StatusAsync(s.ChallengeId));
    }

    [Fact]
    public async Task DueSoon_RemindsTheTeamOnce()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.FinalParallelAwardAsync();
        await s.Delivery.PlanAsync(s.Poster, s.Bid1, [new("M1 样机", app.Clock.UtcNow.AddDays(10))]);
        await s.Delivery.RemindDueAsync();
        app.Clock.Advance(TimeSpan.FromDays(8)); // due in 2 days
        await s.Delivery.RemindDueAsync();
        await s.Delivery.RemindDueAsync();
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == s.Bidder1.UserId && n.Kind == NotificationKind.MilestoneDue));
    }

    private async Task<ChallengeStatus> StatusAsync(int id)
    {
        await using var db = await app.DbAsync();
        return (await db.Challenges.AsNoTracking().SingleAsync(c => c.Id == id)).Status;
    }
}
