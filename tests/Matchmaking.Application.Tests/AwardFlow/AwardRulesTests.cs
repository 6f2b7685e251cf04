using Matchmaking.Application.Awards;
using Matchmaking.Application.Bids;
using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using static Matchmaking.Application.Tests.AwardFlow.AwardFlowData;

namespace Matchmaking.Application.Tests.AwardFlow;

public class AwardRulesTests
{
    private const int Max = 3, Days = 7;
    private static readonly Dictionary<int, NotSelectedDecision> None = [];

    private static (Challenge c, Bid[] bids, Award award) ParallelAwardInPublicity()
    {
        var c = ClosedChallenge(AwardMode.Parallel);
        var bids = new[] { SubmittedBid(10, 50), SubmittedBid(11, 51), SubmittedBid(12, 52) };
        var award = Award.Decide(c, bids, [10, 11], LowerScore(bids[2]), "poster", Max, Days, AfterDeadline).WithId(1);
        return (c, bids, award);
    }

    [Fact]
    public void Decide_Parallel_AppointsTwo_TellsTheOthersWhy_AndStartsPublicity()
    {
        var (c, bids, award) = ParallelAwardInPublicity();
        Assert.Equal(ChallengeStatus.Awarded, c.Status);
        Assert.Equal([BidStatus.Selected, BidStatus.Selected, BidStatus.NotSelected], bids.Select(b => b.Status));
        Assert.Equal(NotSelectedReason.LowerScore, bids[2].NotSelectedReason);
        Assert.Equal(AwardStatus.Publicity, award.Status);
        Assert.Equal(AfterDeadline.AddDays(Days), award.PublicityEndsAtUtc);
        Assert.Equal([10, 11], award.WinnerBidIds);
    }

    [Fact]
    public void Decide_Single_WithTwoWinners_IsRefused()
    {
        var c = ClosedChallenge(AwardMode.Single);
        var bids = new[] { SubmittedBid(10, 50), SubmittedBid(11, 51) };
        var ex = Assert.Throws<DomainException>(() => Award.Decide(c, bids, [10, 11], None, "poster", Max, Days, AfterDeadline));
        Assert.Equal("single_winner", ex.Code);
        Assert.Equal(ChallengeStatus.Closed, c.Status);
        Assert.All(bids, b => Assert.Equal(BidStatus.Submitted, b.Status));
    }

    [Fact]
    public void Decide_Parallel_AboveTheConfiguredMaximum_IsRefused()
    {
        var c = ClosedChallenge(AwardMode.Parallel);
        var bids = Enumerable.Range(10, 4).Select(i => SubmittedBid(i, 40 + i)).ToArray();
        var ex = Assert.Throws<DomainException>(() => Award.Decide(c, bids, [10, 11, 12, 13], None, "poster", Max, Days, AfterDeadline));
        Assert.Equal("too_many_winners", ex.Code);
    }

    [Fact]
    public void Decide_WithoutAReasonForEveryOtherBid_IsRefused()
    {
        var c = ClosedChallenge(AwardMode.Single);
        var bids = new[] { SubmittedBid(10, 50), SubmittedBid(11, 51) };
        var ex = Assert.Throws<DomainException>(() => Award.Decide(c, bids, [10], None, "poster", Max, Days, AfterDeadline));
        Assert.Equal("reason_required", ex.Code);
        Assert.Equal(BidStatus.Submitted, bids[0].Status); // nothing half-done
    }

    [Fact]
    public void Decide_OtherReason_NeedsANote()
    {
        var c = ClosedChallenge(AwardMode.Single);
        var bids = new[] { SubmittedBid(10, 50), SubmittedBid(11, 51) };
        Assert.Throws<DomainException>(() => Award.Decide(c, bids, [10],
            new Dictionary<int, NotSelectedDecision> { [11] = new(NotSelectedReason.Other) }, "poster", Max, Days, AfterDeadline));
    }

    [Fact]
    public void Decide_BeforeTheDeadline_OrTwice_IsRefused()
    {
        var open = new Challenge(100, "poster", Domain.TestData.Content(Deadline), Domain.TestData.Now).WithId(1);
        open.SubmitForReview(Domain.TestData.Now);
        open.Approve(Domain.TestData.Now);
        Assert.Equal("not_closed", Assert.Throws<DomainException>(() =>
            Award.Decide(open, [SubmittedBid(10, 50)], [10], None, "poster", Max, Days, Domain.TestData.Now)).Code);

        var (c, bids, _) = ParallelAwardInPublicity();
        Assert.Throws<DomainException>(() => Award.Decide(c, bids, [12], None, "poster", Max, Days, AfterDeadline));
    }

    [Fact]
    public void Objection_OnlyDuringThePublicityWindow()
    {
        var (_, _, award) = ParallelAwardInPublicity();
        award.Lodge("citizen", "评分过程未回避", AfterDeadline.AddDays(1));
        var ex = Assert.Throws<DomainException>(() => award.Lodge("citizen", "晚到的异议", award.PublicityEndsAtUtc));
        Assert.Equal("publicity_closed", ex.Code);
        Assert.Throws<DomainException>(() => award.Lodge("citizen", "  ", AfterDeadline));
    }

    [Fact]
    public void Finalize_WaitsForTheWindow_AndForEveryObjectionToBeAnswered()
    {
        var (c, bids, award) = ParallelAwardInPublicity();
        var objection = award.Lodge("citizen", "第二名团队资质存疑", AfterDeadline.AddDays(1));
        Assert.False(award.FinalizeIfDue(AfterDeadline.AddDays(2))); // window still open
        Assert.False(award.FinalizeIfDue(award.PublicityEndsAtUtc)); // an objection is open
        award.Answer(objection, "经核实资质齐全，异议不成立", upheld: false, "admin", c, bids, award.PublicityEndsAtUtc);
        Assert.Equal(ObjectionStatus.Dismissed, objection.Status);
        Assert.True(award.FinalizeIfDue(award.PublicityEndsAtUtc.AddMinutes(1)));
        Assert.Equal(AwardStatus.Final, award.Status);
        Assert.Equal(ChallengeStatus.Awarded, c.Status);
        Assert.Throws<DomainException>(() => award.Lodge("citizen", "再次异议", award.PublicityEndsAtUtc.AddMinutes(2)));
    }

    [Fact]
    public void Objection_Upheld_RevokesTheAward_AndReopensTheDecision()
    {
        var (c, bids, award) = ParallelAwardInPublicity();
        var objection = award.Lodge("citizen", "拟挂帅团队负责人系评审专家亲属", AfterDeadline.AddDays(1));
        award.Answer(objection, "经核实属实，撤销挂帅决定，重新评审", upheld: true, "admin", c, bids, AfterDeadline.AddDays(2));
        Assert.Equal(AwardStatus.Revoked, award.Status);
        Assert.Equal(ChallengeStatus.Closed, c.Status);
        Assert.All(bids, b => Assert.Equal(BidStatus.Shortlisted, b.Status));
        Assert.All(bids, b => Assert.Null(b.NotSelectedReason));
        Assert.False(award.FinalizeIfDue(award.PublicityEndsAtUtc.AddDays(1)));
        // A new decision is possible on the reopened bids.
        var again = Award.Decide(c, bids, [12], LowerScore(bids[0], bids[1]), "poster", Max, Days, AfterDeadline.AddDays(3));
        Assert.Equal(AwardStatus.Publicity, again.Status);
    }

    [Fact]
    public void Objection_AnsweredTwice_IsRefused()
    {
        var (c, bids, award) = ParallelAwardInPublicity();
        var objection = award.Lodge("citizen", "异议", AfterDeadline);
        award.Answer(objection, "不成立", false, "admin", c, bids, AfterDeadline);
        Assert.Equal("already_answered", Assert.Throws<DomainException>(() =>
            award.Answer(objection, "再答复", false, "admin", c, bids, AfterDeadline)).Code);
        Assert.Throws<DomainException>(() => award.Answer(objection, " ", false, "admin", c, bids, AfterDeadline));
    }
}
