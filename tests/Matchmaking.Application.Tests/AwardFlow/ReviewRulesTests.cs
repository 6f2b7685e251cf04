using Matchmaking.Application.Bids;
using Matchmaking.Application.Common;
using Matchmaking.Application.Reviews;
using static Matchmaking.Application.Tests.AwardFlow.AwardFlowData;

namespace Matchmaking.Application.Tests.AwardFlow;

public class ReviewRulesTests
{
    [Fact]
    public void Rubric_WeightsMustAddUpTo100()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => new Rubric(1,
            [new RubricCriterion { Name = "技术", Weight = 60 }, new RubricCriterion { Name = "团队", Weight = 30 }], "p", AfterDeadline));
        Assert.Contains("Weight", ex.Errors.Keys);
        Assert.Throws<ValidationFailedException>(() => new Rubric(1,
            [new RubricCriterion { Name = "技术", Weight = 50 }, new RubricCriterion { Name = "技术", Weight = 50 }], "p", AfterDeadline));
        Assert.Equal(100, DefaultRubric().Criteria.Sum(c => c.Weight));
    }

    [Fact]
    public void Rubric_IsLockedByTheFirstScore()
    {
        var rubric = DefaultRubric();
        rubric.Replace([new RubricCriterion { Name = "综合", Weight = 100 }], "p", AfterDeadline);
        Review.Submit(Reviewer(1, 7), SubmittedBid(10, 50), rubric, Scores(rubric, 8), "路线清晰", AfterDeadline);
        Assert.True(rubric.IsLocked);
        var ex = Assert.Throws<DomainException>(() => rubric.Replace(Rubric.DefaultCriteria(), "p", AfterDeadline));
        Assert.Equal("rubric_locked", ex.Code);
    }

    [Fact]
    public void Score_BeforeDeclaringConflicts_IsRefused()
    {
        var rubric = DefaultRubric();
        var ex = Assert.Throws<DomainException>(() =>
            Review.Submit(Reviewer(1, 7, declared: false), SubmittedBid(10, 50), rubric, Scores(rubric, 8), "好", AfterDeadline));
        Assert.Equal("conflict_not_declared", ex.Code);
    }

    [Fact]
    public void Score_ByARecusedReviewer_IsRefused()
    {
        var a = Reviewer(1, 7, declared: false);
        a.Recuse("曾与揭榜方合作", hasSubmittedReviews: false, AfterDeadline);
        var rubric = DefaultRubric();
        var ex = Assert.Throws<DomainException>(() => Review.Submit(a, SubmittedBid(10, 50), rubric, Scores(rubric, 8), "好", AfterDeadline));
        Assert.Equal("recused", ex.Code);
    }

    [Fact]
    public void Recuse_AfterScoring_IsRefused_AndNeedsANote()
    {
        var a = Reviewer(1, 7, declared: false);
        Assert.Throws<DomainException>(() => a.Recuse("  ", false, AfterDeadline));
        var declared = Reviewer(2, 7);
        var ex = Assert.Throws<DomainException>(() => declared.Recuse("冲突", hasSubmittedReviews: true, AfterDeadline));
        Assert.Equal("already_scored", ex.Code);
    }

    [Fact]
    public void Score_ABidOfTheReviewersOwnOrganisation_IsExcludedAutomatically()
    {
        var rubric = DefaultRubric();
        var sameOrg = SubmittedBid(10, orgId: 7);
        var reviewer = Reviewer(1, orgId: 7);
        Assert.True(reviewer.Excludes(sameOrg));
        var ex = Assert.Throws<DomainException>(() => Review.Submit(reviewer, sameOrg, rubric, Scores(rubric, 9), "好", AfterDeadline));
        Assert.Equal("excluded_same_org", ex.Code);
    }

    [Fact]
    public void Score_MustCoverEveryCriterion_WithinRange_AndHaveAComment()
    {
        var rubric = DefaultRubric();
        var bid = SubmittedBid(10, 50);
        var partial = Scores(rubric, 8);
        partial.Remove(rubric.Criteria[0].Name);
        Assert.Throws<ValidationFailedException>(() => Review.Submit(Reviewer(1, 7), bid, rubric, partial, "好", AfterDeadline));
        Assert.Throws<ValidationFailedException>(() => Review.Submit(Reviewer(1, 7), bid, rubric, Scores(rubric, 11), "好", AfterDeadline));
        var noComment = Assert.Throws<ValidationFailedException>(() => Review.Submit(Reviewer(1, 7), bid, rubric, Scores(rubric, 8), " ", AfterDeadline));
        Assert.Contains("Comment", noComment.Errors.Keys);
    }

    [Fact]
    public void Score_IsWeighted_OnA100Scale()
    {
        var rubric = new Rubric(1, [new RubricCriterion { Name = "技术", Weight = 70 }, new RubricCriterion { Name = "经费", Weight = 30 }], "p", AfterDeadline);
        var review = Review.Submit(Reviewer(1, 7), SubmittedBid(10, 50), rubric,
            new Dictionary<string, int> { ["技术"] = 10, ["经费"] = 5 }, "技术强，经费偏高", AfterDeadline);
        Assert.Equal(85m, review.Total); // 10/10×70 + 5/10×30
    }

    [Fact]
    public void Score_ADecidedBid_IsRefused()
    {
        var rubric = DefaultRubric();
        var bid = SubmittedBid(10, 50);
        bid.MarkNotSelected(NotSelectedReason.LowerScore, null, AfterDeadline, Deadline);
        var ex = Assert.Throws<DomainException>(() => Review.Submit(Reviewer(1, 7), bid, rubric, Scores(rubric, 5), "好", AfterDeadline));
        Assert.Equal("not_under_review", ex.Code);
    }

    [Fact]
    public void Progress_CountsReviewersDone_AndSkipsExcludedAndRecused()
    {
        var rubric = DefaultRubric();
        var bids = new[] { SubmittedBid(10, orgId: 50), SubmittedBid(11, orgId: 51) };
        var r1 = Reviewer(1, 7);
        var r2 = Reviewer(2, 8);
        var sameOrg = Reviewer(3, orgId: 51); // only bid 10 is theirs to score
        var r4 = Reviewer(4, 9);
        var recused = Reviewer(5, 9, declared: false);
        recused.Recuse("亲属在揭榜团队", false, AfterDeadline);
        var reviews = new List<Review>
        {
            Review.Submit(r1, bids[0], rubric, Scores(rubric, 8), "好", AfterDeadline),
            Review.Submit(r1, bids[1], rubric, Scores(rubric, 6), "一般", AfterDeadline),
            Review.Submit(r2, bids[0], rubric, Scores(rubric, 7), "好", AfterDeadline),
            Review.Submit(r2, bids[1], rubric, Scores(rubric, 7), "好", AfterDeadline),
            Review.Submit(sameOrg, bids[0], rubric, Scores(rubric, 9), "好", AfterDeadline),
            Review.Submit(r4, bids[0], rubric, Scores(rubric, 9), "好", AfterDeadline),
        };
        var p = ReviewBoard.Progress([r1, r2, sameOrg, r4, recused], bids, reviews);
        Assert.Equal((3, 4), (p.ReviewersDone, p.Reviewers)); // "3 of 4 reviewers done": r4 still owes bid 11
        Assert.Equal((6, 7), (p.ReviewsDone, p.ReviewsExpected));
        Assert.False(p.IsComplete);
    }

    [Fact]
    public void Ranking_OrdersByAverageTotal_UnscoredLast_TiesShareARank()
    {
        var rubric = DefaultRubric();
        var bids = new[] { SubmittedBid(10, 50), SubmittedBid(11, 51), SubmittedBid(12, 52), SubmittedBid(13, 53) };
        var r1 = Reviewer(1, 7);
        var r2 = Reviewer(2, 8);
        var reviews = new List<Review>
        {
            Review.Submit(r1, bids[0], rubric, Scores(rubric, 6), "a", AfterDeadline),
            Review.Submit(r2, bids[0], rubric, Scores(rubric, 8), "a", AfterDeadline), // 70
            Review.Submit(r1, bids[1], rubric, Scores(rubric, 9), "b", AfterDeadline), // 90
            Review.Submit(r1, bids[2], rubric, Scores(rubric, 7), "c", AfterDeadline), // 70
        };
        var ranking = ReviewBoard.Rank(bids, reviews, [r1, r2]);
        Assert.Equal([11, 10, 12, 13], ranking.Select(r => r.BidId));
        Assert.Equal([1, 2, 2, 4], ranking.Select(r => r.Rank));
        Assert.Equal(70m, ranking[1].AverageTotal);
        Assert.Equal(2, ranking[1].ReviewCount);
        Assert.Null(ranking[3].AverageTotal);
    }
}
