using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using static Matchmaking.Application.Tests.Domain.TestData;

namespace Matchmaking.Application.Tests.Domain;

public class BidLifecycleTests
{
    private static readonly DateTime Deadline = Now.AddDays(10);

    private static Bid NewBid() => new(1, 1, 1, "r1", Bid(), 800, Now, Deadline);

    [Fact]
    public void Submit_ThenWithdraw_BeforeDeadline()
    {
        var b = NewBid();
        b.Submit(Now, Deadline);
        Assert.Equal(BidStatus.Submitted, b.Status);
        b.Withdraw(Now.AddDays(1), Deadline);
        Assert.Equal(BidStatus.Withdrawn, b.Status);
        Assert.False(b.IsActive);
    }

    [Fact]
    public void Create_AfterDeadline_Fails() =>
        Assert.Throws<DomainException>(() => new Bid(1, 1, 1, "r1", Bid(), 800, Deadline, Deadline));

    [Fact]
    public void Withdraw_AfterDeadline_Fails()
    {
        var b = NewBid();
        b.Submit(Now, Deadline);
        var ex = Assert.Throws<DomainException>(() => b.Withdraw(Deadline.AddSeconds(1), Deadline));
        Assert.Equal("deadline_passed", ex.Code);
        Assert.Equal(BidStatus.Submitted, b.Status);
    }

    [Fact]
    public void Edit_AfterDeadline_Fails()
    {
        var b = NewBid();
        b.Submit(Now, Deadline);
        Assert.Throws<DomainException>(() => b.Edit(Bid(100), 800, Deadline, Deadline));
    }

    [Fact]
    public void Budget_AboveTheChallengeBudget_IsRefused()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => new Bid(1, 1, 1, "r1", Bid(900), 800, Now, Deadline));
        Assert.Contains(nameof(BidContent.BudgetAskedWan), ex.Errors.Keys);
    }

    [Fact]
    public void Decisions_AreSealedUntilTheDeadline()
    {
        var b = NewBid();
        b.Submit(Now, Deadline);
        Assert.Throws<DomainException>(() => b.Shortlist(Now, Deadline));
        Assert.Throws<DomainException>(() => b.Select(Now, Deadline));
        b.Shortlist(Deadline, Deadline);
        Assert.Equal(BidStatus.Shortlisted, b.Status);
        b.Select(Deadline.AddDays(1), Deadline);
        Assert.Equal(BidStatus.Selected, b.Status);
    }

    [Fact]
    public void Draft_CannotBeSelected_AndWithdrawnCannotBeResubmitted()
    {
        var draft = NewBid();
        Assert.Throws<DomainException>(() => draft.Select(Deadline, Deadline));
        var b = NewBid();
        b.Withdraw(Now, Deadline);
        Assert.Throws<DomainException>(() => b.Submit(Now, Deadline));
    }
}
