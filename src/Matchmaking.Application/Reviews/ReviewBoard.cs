using Matchmaking.Application.Bids;

namespace Matchmaking.Application.Reviews;

public sealed record ReviewProgress(int ReviewersDone, int Reviewers, int ReviewsDone, int ReviewsExpected)
{
    public bool IsComplete => ReviewsExpected > 0 && ReviewsDone >= ReviewsExpected;
}

public sealed record RankedBid(int BidId, int Rank, decimal? AverageTotal, int ReviewCount, IReadOnlyDictionary<string, decimal> CriterionAverages);

/// <summary>Progress and ranking of a panel, computed from its rows: pure, so the rules are unit-tested.</summary>
public static class ReviewBoard
{
    /// <summary>The bids a panel scores: submitted or shortlisted, and after the award the decided ones.</summary>
    public static bool IsReviewable(Bid b) =>
        b.Status is BidStatus.Submitted or BidStatus.Shortlisted or BidStatus.Selected or BidStatus.NotSelected;

    /// <summary>Expected reviews: every reviewer who has not recused × every reviewable bid that does not involve
    /// their organisation. A reviewer is done when all of theirs are in ("3 of 4 reviewers done").</summary>
    public static ReviewProgress Progress(IReadOnlyList<ReviewAssignment> panel, IReadOnlyList<Bid> bids, IReadOnlyList<Review> reviews)
    {
        var reviewable = bids.Where(IsReviewable).ToList();
        int reviewers = 0, reviewersDone = 0, expected = 0, done = 0;
        foreach (var a in panel.Where(a => !a.IsRecused))
        {
            var mine = reviewable.Where(b => !a.Excludes(b)).ToList();
            var submitted = mine.Count(b => reviews.Any(r => r.AssignmentId == a.Id && r.BidId == b.Id));
            reviewers++;
            expected += mine.Count;
            done += submitted;
            if (mine.Count > 0 && submitted == mine.Count) reviewersDone++;
        }
        return new ReviewProgress(reviewersDone, reviewers, done, expected);
    }

    /// <summary>Bids by average weighted total, best first; bids without a score come last. Reviews of recused
    /// reviewers do not count. Equal averages share a rank.</summary>
    public static IReadOnlyList<RankedBid> Rank(IReadOnlyList<Bid> bids, IReadOnlyList<Review> reviews, IReadOnlyList<ReviewAssignment> panel)
    {
        var counted = panel.Where(a => !a.IsRecused).Select(a => a.Id).ToHashSet();
        var rows = bids.Where(IsReviewable).Select(b =>
        {
            var rs = reviews.Where(r => r.BidId == b.Id && counted.Contains(r.AssignmentId)).ToList();
            var avg = rs.Count == 0 ? (decimal?)null : Math.Round(rs.Average(r => r.Total), 1);
            var perCriterion = rs.SelectMany(r => r.Scores).GroupBy(s => s.Criterion)
                .ToDictionary(g => g.Key, g => Math.Round((decimal)g.Average(s => s.Score), 1));
            return (bid: b, avg, count: rs.Count, perCriterion);
        }).OrderByDescending(x => x.avg ?? -1).ThenBy(x => x.bid.Id).ToList();
        var result = new List<RankedBid>();
        for (var i = 0; i < rows.Count; i++)
        {
            var rank = i > 0 && rows[i].avg is not null && rows[i].avg == rows[i - 1].avg ? result[i - 1].Rank : i + 1;
            result.Add(new RankedBid(rows[i].bid.Id, rank, rows[i].avg, rows[i].count, rows[i].perCriterion));
        }
        return result;
    }
}
