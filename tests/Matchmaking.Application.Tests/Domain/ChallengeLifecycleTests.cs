using Matchmaking.Application.Challenges;
using Matchmaking.Application.Common;
using Matchmaking.Application.Organizations;
using static Matchmaking.Application.Tests.Domain.TestData;

namespace Matchmaking.Application.Tests.Domain;

public class ChallengeLifecycleTests
{
    private static Challenge Draft(DateTime? deadline = null) => new(1, "u1", Content(deadline), Now);

    private static Challenge Published()
    {
        var c = Draft();
        c.SubmitForReview(Now);
        c.Approve(Now);
        return c;
    }

    /// <summary>An imported state brings its closing time as the sweep would have set it.</summary>
    [Fact]
    public void ForcedStates_CarryTheClosingTime()
    {
        var deadline = Now.AddDays(10);
        var c = Draft(deadline);
        c.ForceStatus(ChallengeStatus.Closed, Now.AddDays(40));
        Assert.Equal(deadline, c.ClosedAtUtc); // closed when bidding ended, not when imported

        c.ForceStatus(ChallengeStatus.Published, Now.AddDays(41));
        Assert.Null(c.ClosedAtUtc);

        c.ForceStatus(ChallengeStatus.Closed, Now.AddDays(5)); // closed early by the source system
        Assert.Equal(Now.AddDays(5), c.ClosedAtUtc);
        c.ForceStatus(ChallengeStatus.Awarded, Now.AddDays(50));
        Assert.Equal(Now.AddDays(5), c.ClosedAtUtc);
    }

    [Fact]
    public void HappyPath_DraftToCompleted()
    {
        var c = Draft();
        Assert.Equal(ChallengeStatus.Draft, c.Status);
        c.SubmitForReview(Now);
        Assert.Equal(ChallengeStatus.PendingReview, c.Status);
        c.Approve(Now);
        Assert.Equal(ChallengeStatus.Published, c.Status);
        Assert.True(c.IsOpenForBids(Now));
        Assert.True(c.CloseIfDue(Now.AddDays(31)));
        Assert.Equal(ChallengeStatus.Closed, c.Status);
        c.Award(Now.AddDays(32));
        Assert.Equal(ChallengeStatus.Awarded, c.Status);
        c.Complete(Now.AddDays(400));
        Assert.Equal(ChallengeStatus.Completed, c.Status);
    }

    [Fact]
    public void Reject_NeedsReason_AndEditReturnsToDraft()
    {
        var c = Draft();
        c.SubmitForReview(Now);
        Assert.Throws<DomainException>(() => c.Reject("  ", Now));
        c.Reject("考核指标不可量化", Now);
        Assert.Equal(ChallengeStatus.Rejected, c.Status);
        Assert.Equal("考核指标不可量化", c.RejectionReason);
        c.Edit(Content() with { Targets = ["效率≥85%"] }, Now);
        Assert.Equal(ChallengeStatus.Draft, c.Status);
        c.SubmitForReview(Now);
        Assert.Null(c.RejectionReason);
    }

    [Theory]
    [InlineData(ChallengeStatus.PendingReview)]
    [InlineData(ChallengeStatus.Published)]
    public void Edit_IsRefusedOutsideDraftAndRejected(ChallengeStatus status)
    {
        var c = Draft();
        c.SubmitForReview(Now);
        if (status == ChallengeStatus.Published) c.Approve(Now);
        var ex = Assert.Throws<DomainException>(() => c.Edit(Content(), Now));
        Assert.Equal("invalid_transition", ex.Code);
    }

    [Fact]
    public void Approve_OnlyFromPendingReview()
    {
        Assert.Throws<DomainException>(() => Draft().Approve(Now));
    }

    [Fact]
    public void Approve_AfterDeadline_IsRefused()
    {
        var c = Draft(Now.AddDays(1));
        c.SubmitForReview(Now);
        Assert.Throws<DomainException>(() => c.Approve(Now.AddDays(2)));
        Assert.Equal(ChallengeStatus.PendingReview, c.Status);
    }

    [Fact]
    public void SubmitForReview_RefusesAPastDeadline()
    {
        var c = Draft(Now.AddDays(1));
        var ex = Assert.Throws<ValidationFailedException>(() => c.SubmitForReview(Now.AddDays(2)));
        Assert.Contains(nameof(ChallengeContent.BidDeadlineUtc), ex.Errors.Keys);
    }

    [Fact]
    public void CloseIfDue_DoesNothingBeforeTheDeadline()
    {
        var c = Published();
        Assert.False(c.CloseIfDue(Now.AddDays(29)));
        Assert.Equal(ChallengeStatus.Published, c.Status);
        Assert.False(c.IsOpenForBids(Now.AddDays(30)));
    }

    [Fact]
    public void Award_BeforeTheDeadline_IsRefused()
    {
        var c = Published();
        Assert.Throws<DomainException>(() => c.Award(Now.AddDays(1)));
    }

    [Fact]
    public void Award_PastTheDeadline_ClosesThenAwards_EvenIfTheSweepHasNotRun()
    {
        var c = Published();
        c.Award(Now.AddDays(31));
        Assert.Equal(ChallengeStatus.Awarded, c.Status);
    }

    [Fact]
    public void Cancel_NeedsReason_AndIsRefusedAfterAward()
    {
        var c = Published();
        Assert.Throws<DomainException>(() => c.Cancel("", Now));
        c.Cancel("需求已由内部解决", Now);
        Assert.Equal(ChallengeStatus.Cancelled, c.Status);

        var awarded = Published();
        awarded.Award(Now.AddDays(31));
        Assert.Throws<DomainException>(() => awarded.Cancel("迟到的撤榜", Now.AddDays(32)));
    }

    [Fact]
    public void EveryTransition_BumpsTheVersion()
    {
        var c = Draft();
        var v = c.Version;
        c.SubmitForReview(Now);
        Assert.True(c.Version > v);
    }

    [Fact]
    public void Validate_ReportsEveryBadField()
    {
        var errors = new ChallengeContent { BidDeadlineUtc = Now.AddDays(-1) }.Validate(Now);
        foreach (var field in new[] { "Title", "Background", "PainPoint", "Targets", "ChainId", "ChainNodeId", "Skills", "FieldCodes", "BudgetWan", "BidDeadlineUtc", "DeliveryMonths" })
            Assert.Contains(field, errors.Keys);
        Assert.Empty(Content().Validate(Now));
    }

    [Fact]
    public void Eligibility_FollowsTheFlags()
    {
        var c = Draft();
        Assert.True(c.Admits(OrganizationType.University));
        Assert.True(c.Admits(OrganizationType.ResearchInstitute));
        Assert.False(c.Admits(OrganizationType.Enterprise));
    }
}
