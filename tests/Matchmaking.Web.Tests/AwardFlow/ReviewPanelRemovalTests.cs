using Matchmaking.Application.Awards;
using Matchmaking.Application.Common;
using Matchmaking.Application.Notifications;
using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Matchmaking.Web.Tests.AwardFlow;

/// <summary>Admins remove a member from a review panel until the award is decided; a member who already scored is
/// removed only when the admin confirms that those scores are dropped from the ranking.</summary>
public class ReviewPanelRemovalTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OnlyAdmins_Remove_AndTheRemovalIsAuditedAndNotified()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        foreach (var who in new[] { s.Poster, s.Reviewer, s.SameOrgReviewer, s.Bidder1, s.Outsider })
            await Assert.ThrowsAsync<AccessDeniedException>(() => s.Reviews.RemoveReviewerAsync(who, s.ReviewerAssignment, dropScores: true));

        Assert.Equal(0, await s.Reviews.RemoveReviewerAsync(s.Admin, s.ReviewerAssignment, dropScores: false));

        var panel = (await s.Reviews.GetPanelAsync(s.Admin, s.ChallengeId))!;
        Assert.DoesNotContain(panel.Members, m => m.Assignment.Id == s.ReviewerAssignment);
        Assert.Null(await s.Reviews.GetPanelAsync(s.Reviewer, s.ChallengeId)); // no longer on the panel
        await using var db = await app.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "remove_reviewer" && e.EntityId == s.ChallengeId.ToString()));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == s.Reviewer.UserId && n.ChallengeId == s.ChallengeId && n.Title.Contains("退出评审组")));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Reviews.RemoveReviewerAsync(s.Admin, s.ReviewerAssignment, dropScores: true));
    }

    [Fact]
    public async Task ScoredMember_IsRefusedWithoutConfirmation_AndWithItTheirScoresLeaveTheRanking()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.Reviews.DeclareAsync(s.Reviewer, s.ReviewerAssignment, false, null);
        await s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid1, AwardFlowScenario.Scores(9), "好");
        await s.Reviews.SubmitAsync(s.Reviewer, s.ReviewerAssignment, s.Bid2, AwardFlowScenario.Scores(3), "差");
        var other = await s.Reviews.AssignAsync(s.Admin, s.ChallengeId, s.OtherReviewer.UserId!);
        await s.Reviews.DeclareAsync(s.OtherReviewer, other, false, null);
        await s.Reviews.SubmitAsync(s.OtherReviewer, other, s.Bid1, AwardFlowScenario.Scores(5), "一般");
        await s.Reviews.SubmitAsync(s.OtherReviewer, other, s.Bid2, AwardFlowScenario.Scores(6), "一般");
        Assert.Equal(s.Bid1, (await s.Reviews.GetPanelAsync(s.Admin, s.ChallengeId))!.Ranking[0].BidId);

        var refused = await Assert.ThrowsAsync<DomainException>(() => s.Reviews.RemoveReviewerAsync(s.Admin, s.ReviewerAssignment, dropScores: false));
        Assert.Equal("has_scores", refused.Code);
        Assert.Contains("2份评分", refused.Message);

        Assert.Equal(2, await s.Reviews.RemoveReviewerAsync(s.Admin, s.ReviewerAssignment, dropScores: true));

        var panel = (await s.Reviews.GetPanelAsync(s.Admin, s.ChallengeId))!;
        Assert.DoesNotContain(panel.Reviews, r => r.AssignmentId == s.ReviewerAssignment);
        Assert.Equal(s.Bid2, panel.Ranking[0].BidId); // only the remaining reviewer's scores count now
        Assert.All(panel.Ranking, r => Assert.Equal(1, r.ReviewCount));
        await using var db = await app.DbAsync();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "remove_reviewer" && e.EntityId == s.ChallengeId.ToString());
        Assert.Contains("删除评分2份", audit.Reason);
    }

    [Fact]
    public async Task OnceTheAwardIsDecided_ThePanelIsLocked()
    {
        var s = await AwardFlowScenario.CreateAsync(app);
        await s.Awards.DecideAsync(s.Poster, s.ChallengeId, [s.Bid1, s.Bid2], new Dictionary<int, NotSelectedDecision>());

        var ex = await Assert.ThrowsAsync<DomainException>(() => s.Reviews.RemoveReviewerAsync(s.Admin, s.ReviewerAssignment, dropScores: true));

        Assert.Equal("panel_locked", ex.Code);
    }
}
